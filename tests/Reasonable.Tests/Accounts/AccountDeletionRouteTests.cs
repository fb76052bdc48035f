using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Accounts;

/// <summary>
/// DELETE /api/accounts/{id}: the account goes with its reasons (in Reasonable only), another user's id is exactly a
/// made-up one; and POST /api/accounts takes only ids of the form the signed-in user's provider gives out.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class AccountDeletionRouteTests(SignInServers servers) : AliceSignedInTest(servers)
{
    [Fact]
    public async Task Delete_RemovesTheAccountAndItsReasons()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var kept = await CreateAccountAsync("1000000003", "carol");
        var reason = await CreateReasonAsync(account, "spam");
        await CreateReasonAsync(kept, "kept");
        await InsertActionRequestAsync(account);

        using (var response = await Browser.SendAsync(HttpMethod.Delete, $"/api/accounts/{account}", Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{reason}", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(["carol"], await HandlesAsync(Token));
        Assert.Equal(0, await CountAsync("select count(*) from action_requests where account_id = @Id", account));
        Assert.Equal(1, await CountAsync("select count(*) from reasons where account_id = @Id", kept));

        // Deleting it again is the same 404 as any id that is not yours.
        await Browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/accounts/{account}", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task Delete_OfAnotherUsersAccount_IsTheSame404AsAMadeUpId_AndDeletesNothing()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        await CreateReasonAsync(account, "alice's secret reason");
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);

        var theirs = await ProblemTextAsync(bobBrowser, bob, account);
        var madeUp = await ProblemTextAsync(bobBrowser, bob, Guid.NewGuid());

        Assert.Equal(madeUp, theirs);
        Assert.DoesNotContain("secret", theirs, StringComparison.Ordinal);
        var detail = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.OK);
        Assert.Equal(1, detail.GetProperty("reasons").GetArrayLength());
        Assert.Equal(["bob"], await HandlesAsync(Token));
    }

    [Fact]
    public async Task Delete_WithoutKeys_IsAConflict_AndDeletesNothing()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        await Servers.DeleteKeyListAsync(SeedData.AliceId);
        using var lockedBrowser = new Browser(Servers);
        var locked = await lockedBrowser.SignInAsync(SeedData.AliceId);

        await lockedBrowser.ExpectProblemAsync(
            HttpMethod.Delete, $"/api/accounts/{account}", locked, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");

        Assert.Equal(1, await CountAsync("select count(*) from accounts where id = @Id", account));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("1000000002")]
    public async Task Delete_OfSomethingThatIsNotAUuid_Is404(string id)
    {
        await CreateAccountAsync("1000000002", "bob");

        await Browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/accounts/{id}", Token, null, HttpStatusCode.NotFound);

        Assert.Equal(["bob"], await HandlesAsync(Token));
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("12ab34")]
    [InlineData("@1000000002")]
    [InlineData("-1000000002")]
    [InlineData("12345678901234567890")]
    [InlineData("１２３")]
    public async Task Create_OnX_RefusesWhatIsNotAnXId_NamingTheFieldAndTheNetwork(string providerAccountId)
    {
        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle = "bob" }, HttpStatusCode.BadRequest, "/problems/invalid-request");

        var messages = problem.GetProperty("errors").GetProperty("providerAccountId");
        Assert.Contains("on X", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await HandlesAsync(Token));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("1000000002")]
    [InlineData("1234567890123456789")]
    public async Task Create_OnX_AcceptsDigits(string providerAccountId)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle = "bob" }, HttpStatusCode.Created);

        Assert.Equal(providerAccountId, account.GetProperty("providerAccountId").GetString());
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private async Task<Guid> CreateReasonAsync(Guid accountId, string text)
    {
        var reason = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text, tags = Array.Empty<string>() }, HttpStatusCode.Created);
        return reason.GetProperty("id").GetGuid();
    }

    private async Task<List<string>> HandlesAsync(string token)
    {
        var page = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", token, null, HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!).Order()];
    }

    /// <summary>The problem a DELETE answers, without its traceId (which differs per request).</summary>
    private static async Task<string> ProblemTextAsync(Browser browser, string token, Guid id)
    {
        using var response = await browser.SendAsync(HttpMethod.Delete, $"/api/accounts/{id}", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
        json.Remove("traceId");
        return JsonSerializer.Serialize(json);
    }

    /// <summary>An Idempotency-Key record of an action on the account, as the action routes write one.</summary>
    private async Task InsertActionRequestAsync(Guid accountId)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into action_requests (user_id, key_hash, account_id, reason_id, created_at, completed_at)
            select user_id, '\x01'::bytea, id, null, now(), now() from accounts where id = @Id
            """,
            connection);
        command.Parameters.AddWithValue("Id", accountId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("Id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
