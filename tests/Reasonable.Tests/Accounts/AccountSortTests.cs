using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Accounts;

/// <summary>
/// The accounts list's orders (recent, oldest, handle, unreasoned) with filters and free text, paged by cursor, and
/// the exact count of what the filters match.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class AccountSortTests(SignInServers servers) : AliceSignedInTest(servers)
{
    [Fact]
    public async Task ByHandle_IsAToZ_IgnoringCaseAndAccents_AcrossPages()
    {
        foreach (var (id, handle) in new[] { ("1000000011", "zed"), ("1000000012", "Émile"), ("1000000013", "adam"), ("1000000014", "Bea"), ("1000000015", "eve") })
        {
            await CreateAccountAsync(id, handle);
        }

        var first = await ListAsync("sort=handle&limit=2");
        var second = await ListAsync($"sort=handle&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var third = await ListAsync($"sort=handle&limit=2&cursor={second.GetProperty("nextCursor").GetString()}");

        Assert.Equal(["adam", "Bea", "Émile", "eve", "zed"], Handles(first).Concat(Handles(second)).Concat(Handles(third)));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Unreasoned_PutsAccountsWithoutAReasonFirst_ThenNewestActivity()
    {
        var noted = await CreateAccountAsync("1000000011", "noted");
        await CreateAccountAsync("1000000012", "older_bare");
        await CreateAccountAsync("1000000013", "newer_bare");
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = noted, action = "block", text = "why" }, HttpStatusCode.Created);

        var page = await ListAsync("sort=unreasoned");

        Assert.Equal(["newer_bare", "older_bare", "noted"], Handles(page));
    }

    [Fact]
    public async Task Sorts_KeepFreeTextAndFilters()
    {
        var spam = await CreateAccountAsync("1000000011", "zz_spammer");
        var other = await CreateAccountAsync("1000000012", "aa_spam_too");
        await CreateAccountAsync("1000000013", "mm_friend");
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = spam, action = "block", text = "spam links" }, HttpStatusCode.Created);

        var byHandle = await ListAsync("sort=handle&q=spam");
        var unreasoned = await ListAsync("sort=unreasoned&q=spam");
        var withReasons = await ListAsync("sort=handle&hasReasons=true");

        Assert.Equal(["aa_spam_too", "zz_spammer"], Handles(byHandle));
        Assert.Equal(["aa_spam_too", "zz_spammer"], Handles(unreasoned));
        Assert.Equal(["zz_spammer"], Handles(withReasons));
        Assert.NotEqual(other, spam);
    }

    [Theory]
    [InlineData("sort=name")]
    [InlineData("sort=handle&cursor=bm90LWEtY3Vyc29y")]
    [InlineData("sort=handle&cursor=%%%")]
    public async Task BadSortOrCursor_Is400_NamingIt(string query)
    {
        var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(query.Contains("cursor", StringComparison.Ordinal) ? "cursor" : "sort", out _), problem.ToString());
    }

    [Fact]
    public async Task RecentCursor_IsRefusedByTheHandleSort_AndTheOtherWayRound()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAccountAsync($"100000002{i}", $"user{i}");
        }

        var recent = (await ListAsync("limit=1")).GetProperty("nextCursor").GetString();
        var byHandle = (await ListAsync("sort=handle&limit=1")).GetProperty("nextCursor").GetString();

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts?sort=handle&cursor={recent}", Token, null, HttpStatusCode.BadRequest);
        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts?cursor={byHandle}", Token, null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Count_IsExact_ForEveryFilter_AndNeverCountsOtherUsers()
    {
        var spam = await CreateAccountAsync("1000000011", "spammer");
        await CreateAccountAsync("1000000012", "friend");
        await CreateAccountAsync("1000000013", "stranger");
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = spam, action = "block", text = "spam links", tags = new[] { "spam" } }, HttpStatusCode.Created);
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);
        await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "1000000011", handle = "spammer" }, HttpStatusCode.Created);

        Assert.Equal(3, await CountAsync(""));
        Assert.Equal(1, await CountAsync("?q=spam"));
        Assert.Equal(1, await CountAsync("?tag=spam"));
        Assert.Equal(2, await CountAsync("?hasReasons=false"));
        Assert.Equal(0, await CountAsync("?relation=blocked"));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/accounts/count?relation=enemies", Token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");
    }

    [Fact]
    public async Task Count_LeavesOutATamperedRow_AndSaysSo()
    {
        await CreateAccountAsync("1000000011", "kept");
        var tampered = await CreateAccountAsync("1000000012", "tampered");
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update accounts set data_ciphertext = overlay(data_ciphertext placing '\\x00'::bytea from 40 for 1) where id = @id", connection);
            command.Parameters.AddWithValue("id", tampered);
            await command.ExecuteNonQueryAsync();
        }

        var count = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts/count?q=ke", Token, null, HttpStatusCode.OK);
        var sorted = await ListAsync("sort=handle");

        Assert.Equal(1, count.GetProperty("matching").GetInt32());
        Assert.Equal(1, count.GetProperty("unreadable").GetInt32());
        Assert.Equal(["kept"], Handles(sorted));
        Assert.Equal(1, sorted.GetProperty("unreadable").GetInt32());
    }

    [Fact]
    public void Cursor_RoundTrips_AndRefusesAnythingElse()
    {
        Assert.True(AccountCatalog.TryDecodeCursor(AccountCatalog.EncodeCursor(150), out var offset));
        Assert.Equal(150, offset);
        Assert.False(AccountCatalog.TryDecodeCursor("bzEy-", out _));
    }

    private static List<string> Handles(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!)];

    private Task<JsonElement> ListAsync(string query) => Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.OK);

    private async Task<int> CountAsync(string query) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/count{query}", Token, null, HttpStatusCode.OK)).GetProperty("matching").GetInt32();

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
