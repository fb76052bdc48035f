using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reasons;

/// <summary>Someone who can write the database moves, copies or alters ciphertext: the API notices and shows nothing of it.</summary>
[Collection(SignInTests.Name)]
public sealed class TamperingTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private Guid firstAccount;
    private Guid secondAccount;
    private Guid firstReason;
    private Guid secondReason;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        firstAccount = await CreateAccountAsync("2001", "first");
        secondAccount = await CreateAccountAsync("2002", "second");
        firstReason = await CreateReasonAsync(Token, firstAccount, "about the first account");
        secondReason = await CreateReasonAsync(Token, secondAccount, "about the second account");
    }

    [Fact]
    public async Task ReasonCiphertext_CopiedToAnotherReasonRow_IsRefused()
    {
        await ExecuteAsync("update reasons set content_ciphertext = (select content_ciphertext from reasons where id = @a) where id = @b", firstReason, secondReason);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{secondReason}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
        var account = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{secondAccount}", Token, null, HttpStatusCode.OK);
        Assert.Equal(0, account.GetProperty("reasons").GetArrayLength());
        Assert.Equal(1, account.GetProperty("unreadableReasons").GetInt32());
        await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{firstReason}", Token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reason_MovedToAnotherAccount_IsRefused()
    {
        await ExecuteAsync("update reasons set account_id = @a where id = @b", secondAccount, firstReason);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{firstReason}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
        var search = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=first%20account", Token, null, HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ReasonVersion_ChangedUnderTheCiphertext_IsRefused()
    {
        await ExecuteAsync("update reasons set version = 7 where id = @a", firstReason, Guid.Empty);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{firstReason}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
    }

    [Fact]
    public async Task AFlippedByte_IsRefused()
    {
        await ExecuteAsync("update reasons set content_ciphertext = overlay(content_ciphertext placing '\\x00'::bytea from 40 for 1) where id = @a", firstReason, Guid.Empty);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{firstReason}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
    }

    [Fact]
    public async Task AnotherUsersReasonCiphertext_CopiedIntoYourRow_IsRefused()
    {
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);
        var bobAccount = (await bobBrowser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "2001", handle = "first" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var bobReason = await CreateReasonAsync(bob, bobAccount, "bob's own", bobBrowser);

        await ExecuteAsync("update reasons set content_ciphertext = (select content_ciphertext from reasons where id = @a) where id = @b", firstReason, bobReason);

        await bobBrowser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{bobReason}", bob, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
    }

    [Fact]
    public async Task AccountCiphertext_CopiedToAnotherAccountRow_IsLeftOutOfTheList()
    {
        await ExecuteAsync("update accounts set data_ciphertext = (select data_ciphertext from accounts where id = @a) where id = @b", firstAccount, secondAccount);

        var page = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", Token, null, HttpStatusCode.OK);
        Assert.Equal(["first"], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()));
        Assert.Equal(1, page.GetProperty("unreadable").GetInt32());
        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts/{secondAccount}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
    }

    [Fact]
    public async Task NewestReasonCopy_MovedToAnotherAccountRow_IsNotShownThere()
    {
        // The list reads each account's copy of its newest reason from the account row (migration 0017).
        await ExecuteAsync("""
            update accounts set (latest_reason_id, latest_reason_ciphertext, latest_reason_version, latest_reason_created_at, latest_reason_updated_at) =
                (select latest_reason_id, latest_reason_ciphertext, latest_reason_version, latest_reason_created_at, latest_reason_updated_at from accounts where id = @a)
            where id = @b
            """, firstAccount, secondAccount);

        var items = (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", Token, null, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var second = items.Single(item => item.GetProperty("handle").GetString() == "second");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("latestReason").ValueKind);
        var first = items.Single(item => item.GetProperty("handle").GetString() == "first");
        Assert.Equal("about the first account", first.GetProperty("latestReason").GetProperty("text").GetString());
        var found = (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=first%20account", Token, null, HttpStatusCode.OK)).GetProperty("items");
        Assert.DoesNotContain("second", found.EnumerateArray().Select(item => item.GetProperty("handle").GetString()));
    }

    [Fact]
    public async Task AnAlteredLookupIndex_IsRefused()
    {
        // The index is not inside the ciphertext; a row whose index no longer matches its sealed id was altered.
        await ExecuteAsync("update accounts set provider_account_id_index = decode(md5(random()::text), 'hex') where id = @a", firstAccount, Guid.Empty);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts/{firstAccount}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
    }

    [Fact]
    public async Task AnUnreadableReason_CanStillBeDeleted()
    {
        await ExecuteAsync("update reasons set version = 7 where id = @a", firstReason, Guid.Empty);

        using var response = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{firstReason}", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<Guid> CreateReasonAsync(string bearer, Guid accountId, string text, Browser? client = null) =>
        (await (client ?? Browser).ExpectJsonAsync(HttpMethod.Post, "/api/reasons", bearer, new { accountId, action = "block", text }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task ExecuteAsync(string sql, Guid a, Guid b)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("a", a);
        command.Parameters.AddWithValue("b", b);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering statement should change a row");
    }
}
