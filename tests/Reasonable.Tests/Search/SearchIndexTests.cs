using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Search;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Search;

/// <summary>
/// Free-text search through the search index: the forms people type, where each account matched, exactness over
/// truncated tokens, and an index that follows every write, a rotation and a rebuild.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SearchIndexTests(SignInServers servers) : AliceSignedInTest(servers)
{
    [Theory]
    [InlineData("@longname", "longname@social.example")]
    [InlineData("@LONGNAME@social.example", "longname@social.example")]
    [InlineData("longname@social", "longname@social.example")]
    [InlineData("reply guy", "replier")]
    [InlineData("guy reply", "replier")]
    [InlineData("\"every post\"", "replier")]
    [InlineData("elect", "replier")]
    [InlineData("ELECTION post", "replier")]
    [InlineData("Zoë", "zoe-fan")]
    [InlineData("zoe", "zoe-fan")]
    [InlineData("crypto-scam", "scammer")]
    [InlineData("東京", "tokyo")]
    public async Task Search_FindsTheFormsPeopleType(string query, string expected)
    {
        await SeedAsync();

        Assert.Equal([expected], await HandlesAsync(query));
    }

    [Theory]
    [InlineData("@social")] // a handle term starts at the handle's start
    [InlineData("\"post every\"")] // a phrase keeps its order
    [InlineData("\"every pos\"")] // and its whole words
    [InlineData("reply nobody")] // every word must match
    [InlineData("lection")] // words match from their start
    public async Task Search_DoesNotFindWhatIsNotThere(string query)
    {
        await SeedAsync();

        Assert.Empty(await HandlesAsync(query));
    }

    [Fact]
    public async Task Search_SaysWhereEachAccountMatched()
    {
        await SeedAsync();

        Assert.Equal(["handle"], await MatchedInAsync("@longname", "longname@social.example"));
        Assert.Equal(["handle", "name"], await MatchedInAsync("Zoë", "zoe-fan"));
        Assert.Equal(["name"], await MatchedInAsync("club", "zoe-fan"));
        Assert.Equal(["reason"], await MatchedInAsync("election", "replier"));
        Assert.Equal(["tag"], await MatchedInAsync("crypto-scam", "scammer"));
        Assert.Equal(["handle", "reason", "tag"], await MatchedInAsync("replier guy", "replier"));
        var plain = (await ListAsync(string.Empty)).GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("matchedIn").ValueKind);
    }

    [Fact]
    public async Task Search_NeverReturnsAFalsePositiveOfTheTruncatedTokens()
    {
        var hit = await CreateAccountAsync("3001", "hit");
        var miss = await CreateAccountAsync("3002", "miss");
        await CreateReasonAsync(hit, "a quokka in the replies", []);
        await CreateReasonAsync(miss, "nothing of the kind", []);
        // The database now says the other account holds every token the word has: only the re-check can tell.
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.ExecuteAsync(
                "update search_tokens set tokens = (select array_agg(t) from (select unnest(tokens) t from search_tokens where account_id = @Hit) x) where account_id = @Miss",
                new { Hit = hit, Miss = miss });
        }

        Assert.Equal(["hit"], await HandlesAsync("quokka"));
    }

    [Fact]
    public async Task Search_NeverFindsAnotherUsersRows()
    {
        var mine = await CreateAccountAsync("3001", "mine");
        await CreateReasonAsync(mine, "wombat sighting", []);
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);

        var bobs = await bobBrowser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=wombat", bob, null, HttpStatusCode.OK);

        Assert.Equal(0, bobs.GetProperty("items").GetArrayLength());
        Assert.Equal(["mine"], await HandlesAsync("wombat"));
    }

    [Fact]
    public async Task Index_FollowsEditsAndDeletes()
    {
        var account = await CreateAccountAsync("3001", "edited");
        var reason = await CreateReasonAsync(account, "an alpaca", ["first"]);
        var id = reason.GetProperty("id").GetGuid();
        Assert.Equal(["edited"], await HandlesAsync("alpaca"));

        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "a llama", tags = new[] { "second" }, version = 1 }, HttpStatusCode.OK);
        Assert.Empty(await HandlesAsync("alpaca"));
        Assert.Empty(await HandlesAsync("first"));
        Assert.Equal(["edited"], await HandlesAsync("llama second"));

        await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{id}", Token);
        Assert.Empty(await HandlesAsync("llama"));
        Assert.Equal(1, await TokenRowsAsync(account));

        Assert.Equal(HttpStatusCode.NoContent, (await Browser.SendAsync(HttpMethod.Delete, $"/api/accounts/{account}", Token)).StatusCode);
        Assert.Empty(await HandlesAsync("edited"));
        Assert.Equal(0, await TokenRowsAsync(account));
    }

    [Fact]
    public async Task Index_StillFindsEverything_AfterTheUserKeyIsRotated()
    {
        var account = await CreateAccountAsync("3001", "rotated");
        await CreateReasonAsync(account, "before the rotation: capybara", []);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", Token, null, HttpStatusCode.OK);
        await CreateReasonAsync(account, "after the rotation: tapir", []);

        Assert.Equal(["rotated"], await HandlesAsync("capybara"));
        Assert.Equal(["rotated"], await HandlesAsync("tapir capybara"));
    }

    [Fact]
    public async Task UserWithoutAnIndex_IsFoundByReadingEverything_AndIndexedByTheirOwnRequests()
    {
        for (var i = 0; i < SearchIndexBackfill.BatchSize + 5; i++)
        {
            await CreateAccountAsync($"{4000 + i}", $"acct{i}");
        }

        var noted = await CreateAccountAsync("3001", "noted");
        await CreateReasonAsync(noted, "an okapi at the fence", []);
        // As a database from before the index: no tokens at all, and the user in the backlog.
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.ExecuteAsync(
                "delete from search_tokens where user_id = @User; insert into search_index_backlog (user_id, requested_at) values (@User, now())",
                new { User = UserKeys.UserId(Token) });
        }

        Assert.Equal(["noted"], await HandlesAsync("okapi"));
        Assert.Equal(["acct1", "acct10"], (await HandlesAsync("acct1")).Take(2));
        JsonElement status;
        var calls = 0;
        do
        {
            status = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/search-index", Token, null, HttpStatusCode.OK);
            Assert.True(++calls < 50, "the backlog should end");
        }
        while (!status.GetProperty("complete").GetBoolean());

        Assert.Equal(SearchIndexBackfill.BatchSize + 7, await TokenRowsAsync(null));
        Assert.Equal(["noted"], await HandlesAsync("okapi"));
    }

    [Fact]
    public async Task Rebuild_MakesTheIndexAgain_FromTheNotes()
    {
        var account = await CreateAccountAsync("3001", "rebuilt");
        await CreateReasonAsync(account, "a numbat", []);
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.ExecuteAsync("update search_tokens set tokens = '{}' where account_id = @Account", new { Account = account });
        }

        Assert.Empty(await HandlesAsync("numbat"));
        var rebuilt = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/search-index/rebuild", Token, null, HttpStatusCode.OK);

        Assert.True(rebuilt.GetProperty("complete").GetBoolean());
        Assert.Equal(["rebuilt"], await HandlesAsync("numbat"));
    }

    [Theory]
    [InlineData("@")]
    [InlineData("\"\"")]
    [InlineData("🙂 --")]
    public async Task Search_WithoutAnyWord_Is400NamingQ(string query)
    {
        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Get, $"/api/accounts?q={Uri.EscapeDataString(query)}", Token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), $"the problem should name q: {problem}");
    }

    private async Task SeedAsync()
    {
        await CreateAccountAsync("2001", "longname@social.example", "Long Name");
        var replier = await CreateAccountAsync("2002", "replier");
        await CreateAccountAsync("2003", "zoe-fan", "Zoë Fan Club");
        var scammer = await CreateAccountAsync("2004", "scammer");
        var tokyo = await CreateAccountAsync("2005", "tokyo");
        await CreateAccountAsync("2006", "butterfly", "Social Butterfly");
        await CreateReasonAsync(replier, "Reply-guy on every post about the election", ["reply-guy"]);
        await CreateReasonAsync(scammer, "sent links", ["crypto-scam"]);
        await CreateReasonAsync(tokyo, "東京の荒らし", []);
    }

    private async Task<int> TokenRowsAsync(Guid? account)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        return await connection.ExecuteScalarAsync<int>(
            "select count(*) from search_tokens where user_id = @User and (@Account::uuid is null or account_id = @Account)",
            new { User = UserKeys.UserId(Token), Account = account });
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle, string? displayName = null)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle, displayName }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private Task<JsonElement> CreateReasonAsync(Guid accountId, string text, string[] tags) =>
        Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text, tags }, HttpStatusCode.Created);

    private Task<JsonElement> ListAsync(string query) => Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.OK);

    private async Task<List<string>> HandlesAsync(string q) =>
        [.. (await ListAsync($"q={Uri.EscapeDataString(q)}&limit=200")).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!).Order(StringComparer.Ordinal)];

    private async Task<List<string>> MatchedInAsync(string q, string handle)
    {
        var items = (await ListAsync($"q={Uri.EscapeDataString(q)}")).GetProperty("items").EnumerateArray();
        var item = Assert.Single(items, item => item.GetProperty("handle").GetString() == handle);
        return [.. item.GetProperty("matchedIn").EnumerateArray().Select(field => field.GetString()!)];
    }
}
