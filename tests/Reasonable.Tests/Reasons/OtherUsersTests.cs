using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reasons;

/// <summary>User B holding user A's ids gets exactly what a made-up id gets, and A's data is untouched.</summary>
[Collection(SignInTests.Name)]
public sealed class OtherUsersTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private static readonly string[] PrivateTag = ["private"];
    private readonly Browser aliceBrowser = new(servers);
    private readonly Browser bobBrowser = new(servers);
    private string alice = string.Empty;
    private string bob = string.Empty;
    private Guid aliceAccount;
    private Guid aliceReason;

    public async Task InitializeAsync()
    {
        await servers.ResetAsync();
        alice = await aliceBrowser.SignInAsync(SeedData.AliceId);
        bob = await bobBrowser.SignInAsync(SeedData.BobId);
        aliceAccount = (await aliceBrowser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", alice, new { providerAccountId = "1000000003", handle = "carol" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        aliceReason = (await aliceBrowser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", alice, new { accountId = aliceAccount, action = "block", text = "alice's secret reason", tags = PrivateTag },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        aliceBrowser.Dispose();
        bobBrowser.Dispose();
    }

    public static TheoryData<string, string, string?> Routes => new()
    {
        { "GET", "/api/accounts/{account}", null },
        { "DELETE", "/api/accounts/{account}", null },
        { "GET", "/api/reasons/{reason}", null },
        { "PUT", "/api/reasons/{reason}", """{"action":"other","text":"bob was here","version":1}""" },
        { "DELETE", "/api/reasons/{reason}", null },
        { "POST", "/api/reasons", """{"accountId":"{account}","action":"block","text":"bob's note on alice's account"}""" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnotherUsersId_AnswersExactlyLikeAMissingId(string method, string template, string? body)
    {
        var withAlicesIds = Fill(template, aliceAccount, aliceReason);
        var withMadeUpIds = Fill(template, Guid.NewGuid(), Guid.NewGuid());

        var (aliceStatus, aliceBody) = await SendAsync(method, withAlicesIds, body is null ? null : Fill(body, aliceAccount, aliceReason));
        var (madeUpStatus, madeUpBody) = await SendAsync(method, withMadeUpIds, body is null ? null : Fill(body, Guid.NewGuid(), Guid.NewGuid()));

        Assert.True(aliceStatus is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{method} {template}: {aliceStatus}");
        Assert.Equal(madeUpStatus, aliceStatus);
        Assert.Equal(madeUpBody, aliceBody);
        Assert.DoesNotContain("secret", aliceBody, StringComparison.Ordinal);
        var stored = await aliceBrowser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{aliceReason}", alice, null, HttpStatusCode.OK);
        Assert.Equal("alice's secret reason", stored.GetProperty("text").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Lists_AndSearches_ShowOnlyYourOwnAccounts()
    {
        foreach (var query in new[] { string.Empty, "?q=secret", "?tag=private", "?hasReasons=true", "?providerAccountId=1000000003" })
        {
            var page = await bobBrowser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts{query}", bob, null, HttpStatusCode.OK);
            Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        }

        var alicePage = await aliceBrowser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=secret", alice, null, HttpStatusCode.OK);
        Assert.Equal(1, alicePage.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task TheSameAccount_NotedByTwoUsers_HasUnrelatedIndexes()
    {
        await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "1000000003", handle = "carol" }, HttpStatusCode.Created);

        await using var connection = new Npgsql.NpgsqlConnection(servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(distinct provider_account_id_index), count(*) from accounts", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(2, reader.GetInt64(1));
        Assert.Equal(2, reader.GetInt64(0));
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string method, string path, string? body)
    {
        using var response = await bobBrowser.SendAsync(new HttpMethod(method), path, bob, body);
        var text = await response.Content.ReadAsStringAsync();
        // traceId differs per request; everything else must be identical.
        if (text.StartsWith('{'))
        {
            var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)!;
            json.Remove("traceId");
            text = JsonSerializer.Serialize(json);
        }

        return (response.StatusCode, text);
    }

    private static string Fill(string template, Guid account, Guid reason) =>
        template.Replace("{account}", account.ToString(), StringComparison.Ordinal).Replace("{reason}", reason.ToString(), StringComparison.Ordinal);
}
