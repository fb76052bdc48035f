using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reasons;

/// <summary>Writing, reading, editing and deleting reasons over HTTP: what is stored comes back exactly, bad input is refused whole.</summary>
[Collection(SignInTests.Name)]
public sealed class ReasonApiTests(SignInServers servers) : AliceSignedInTest(servers)
{

    [Theory]
    [InlineData("Spammed my mentions for a week 🙄")]
    [InlineData("שלום — مرحبا — こんにちは — Zalgo: Z̷̢a̴l̶g̵o")]
    [InlineData("Line one\nLine two\tTabbed <script>alert(1)</script> & \"quotes\"")]
    public async Task CreatedReason_ReadsBackExactly(string text)
    {
        var account = await CreateAccountAsync("1000000002", "bob");

        var created = await CreateReasonAsync(account, "block", text, ["Spam", "harassment"]);
        var read = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{created.GetProperty("id")}", Token, null, HttpStatusCode.OK);

        Assert.Equal(text, read.GetProperty("text").GetString());
        Assert.Equal("block", read.GetProperty("action").GetString());
        Assert.Equal(["Spam", "harassment"], read.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.Equal(account, read.GetProperty("accountId").GetGuid());
    }

    [Fact]
    public async Task Text_OfExactlyTenThousandCharacters_IsKept_CountingEmojiOnce()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var text = string.Concat(Enumerable.Repeat("😀", 10_000));

        var created = await CreateReasonAsync(account, "other", text, []);

        Assert.Equal(text, created.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Tags_AreTrimmed_AndDeduplicatedCaseInsensitively()
    {
        var account = await CreateAccountAsync("1000000002", "bob");

        var created = await CreateReasonAsync(account, "mute", "noisy", [" Spam ", "spam", "SPAM", "bots"]);

        Assert.Equal(["Spam", "bots"], created.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public async Task AccountPage_ShowsTheTimeline_NewestFirst()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        await CreateReasonAsync(account, "follow", "great posts", []);
        await CreateReasonAsync(account, "mute", "too many posts", []);
        await CreateReasonAsync(account, "block", "then this happened", ["harassment"]);

        var page = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.OK);

        Assert.Equal(["block", "mute", "follow"], page.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetProperty("action").GetString()));
        Assert.Equal(3, page.GetProperty("account").GetProperty("reasonCount").GetInt32());
        Assert.Equal("then this happened", page.GetProperty("account").GetProperty("latestReason").GetProperty("text").GetString());
        Assert.Equal("bob", page.GetProperty("account").GetProperty("handle").GetString());
    }

    public static TheoryData<string, string> InvalidReasons => new()
    {
        { """{"action":"ban","text":"x"}""", "action" },
        { """{"action":"block","text":"   "}""", "text" },
        { """{"action":"block"}""", "text" },
        { """{"action":"block","text":"a\ud800b"}""", "text" },
        { """{"action":"block","text":"bell \u0007"}""", "text" },
        { """{"action":"block","text":"x","tags":[""]}""", "tags" },
        { """{"action":"block","text":"x","tags":["line\nbreak"]}""", "tags" },
        { """{"action":"block","text":"x","tags":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}""", "tags" },
    };

    [Theory]
    [MemberData(nameof(InvalidReasons))]
    public async Task InvalidReason_Is400_NamingTheField_AndStoresNothing(string fields, string field)
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var body = fields.Insert(1, $"\"accountId\":\"{account}\",");

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/reasons", Token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
        Assert.Equal(0, await CountAsync("reasons"));
    }

    [Fact]
    public async Task OverlongText_Is400_AndSaysHowLongItWas()
    {
        var account = await CreateAccountAsync("1000000002", "bob");

        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "block", text = new string('x', 10_001) }, HttpStatusCode.BadRequest);

        Assert.Contains("10,001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("reasons"));
    }

    [Fact]
    public async Task TooManyTags_Is400()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var tags = Enumerable.Range(0, 21).Select(i => $"tag{i}").ToArray();

        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "block", text = "x", tags }, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"accountId":"00000000-0000-0000-0000-000000000000","action":"block","text":"x"}""")]
    [InlineData("""{"accountId":"not-a-guid","action":"block","text":"x"}""")]
    [InlineData("""{"accountId":42,"action":"block","text":"x"}""")]
    [InlineData("""{"action":"block","text":"x"}""")]
    [InlineData("""{"accountId":"3f0b8c1e-8d7a-4c1e-9a51-0d1f2e3c4b5a","action":"block","text":"x","colour":"red"}""")]
    [InlineData("""{"accountId":"3f0b8c1e-8d7a-4c1e""")]
    public async Task MalformedOrUnknownAccount_Is400(string body)
    {
        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/reasons", Token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");
        Assert.Equal(0, await CountAsync("reasons"));
    }

    [Fact]
    public async Task Update_WithTheCurrentVersion_Saves_AndBumpsTheVersionAndETag()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var created = await CreateReasonAsync(account, "block", "first", []);
        var id = created.GetProperty("id").GetGuid();

        using var response = await Browser.SendAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "mute", text = "second" }, ifMatch: "\"1\"");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("second", body.GetProperty("text").GetString());
        Assert.True(body.GetProperty("updatedAt").GetDateTimeOffset() >= body.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task TwoTabsEditingTheSameVersion_TheSecondGets412_WithTheFirstTabsText()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "tab one", version = 1 }, HttpStatusCode.OK);
        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "tab two", version = 1 }, HttpStatusCode.PreconditionFailed, "/problems/edit-conflict");

        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("tab one", problem.GetProperty("current").GetProperty("text").GetString());
        var stored = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK);
        Assert.Equal("tab one", stored.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ConcurrentEdits_OfOneVersion_ExactlyOneWins()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await Browser.SendAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = $"edit {i}", version = 1 });
            return (response.StatusCode, Text: $"edit {i}");
        }));

        var winners = attempts.Where(attempt => attempt.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(attempts.Except(winners), attempt => Assert.Equal(HttpStatusCode.PreconditionFailed, attempt.StatusCode));
        var stored = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK);
        Assert.Equal(winners[0].Text, stored.GetProperty("text").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Update_WithoutAnyVersion_Is428_AndChangesNothing()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "blind overwrite" }, HttpStatusCode.PreconditionRequired);

        var stored = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK);
        Assert.Equal("original", stored.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1")]
    [InlineData("W/")]
    [InlineData("\"1\" junk")]
    public async Task Update_WithAMalformedIfMatch_Is400_AndChangesNothing(string ifMatch)
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "x" }, HttpStatusCode.BadRequest, ifMatch: ifMatch);

        Assert.Contains("If-Match", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("original", (await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK)).GetProperty("text").GetString());
    }

    // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag or a tag this API never sent matches no
    // version: the precondition fails (412 with the current reason), it is not a malformed request.
    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"2\", \"3\"")]
    public async Task Update_WithAnIfMatchThatMatchesNoVersion_Is412_AndChangesNothing(string ifMatch)
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "x" }, HttpStatusCode.PreconditionFailed, "/problems/edit-conflict", ifMatch: ifMatch);

        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("original", (await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK)).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"7\", \"1\"")]
    [InlineData("W/\"1\", \"1\"")]
    public async Task Update_WithAnIfMatchThatMatchesTheCurrentVersion_Saves(string ifMatch)
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();

        var saved = await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "edited" }, HttpStatusCode.OK, ifMatch: ifMatch);

        Assert.Equal(("edited", 2), (saved.GetProperty("text").GetString(), saved.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task IfMatchStar_OnAMissingOrForeignReason_Is404_LikeAnyMissingId()
    {
        var madeUp = Guid.NewGuid();

        await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/reasons/{madeUp}", Token, new { action = "block", text = "x" }, HttpStatusCode.NotFound, "/problems/not-found", ifMatch: "*");
        await Browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/reasons/{madeUp}", Token, null, HttpStatusCode.NotFound, "/problems/not-found", ifMatch: "*");
    }

    [Fact]
    public async Task Delete_WithIfMatchStarOrAListHoldingTheVersion_Deletes_AndAWeakTagIs412()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var first = (await CreateReasonAsync(account, "block", "one", [])).GetProperty("id").GetGuid();
        var second = (await CreateReasonAsync(account, "block", "two", [])).GetProperty("id").GetGuid();

        await Browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/reasons/{first}", Token, null, HttpStatusCode.PreconditionFailed, "/problems/edit-conflict", ifMatch: "W/\"1\"");
        using (var star = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{first}", Token, ifMatch: "*"))
        {
            Assert.Equal(HttpStatusCode.NoContent, star.StatusCode);
        }

        using (var list = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{second}", Token, ifMatch: "\"4\", \"1\""))
        {
            Assert.Equal(HttpStatusCode.NoContent, list.StatusCode);
        }

        Assert.Equal(0, await CountAsync("reasons"));
    }

    [Fact]
    public async Task Delete_RemovesTheReason_AndAStaleIfMatchIs412()
    {
        var account = await CreateAccountAsync("1000000002", "bob");
        var id = (await CreateReasonAsync(account, "block", "original", [])).GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "edited", version = 1 }, HttpStatusCode.OK);

        using (var stale = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{id}", Token, ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var deleted = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{id}", Token, ifMatch: "\"2\""))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/reasons/{id}", Token, null, HttpStatusCode.NotFound);
        Assert.Equal(0, await CountAsync("reasons"));
    }

    [Fact]
    public async Task CreateAccount_Twice_AnswersTheSameAccount()
    {
        var first = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000002", handle = "@bob" }, HttpStatusCode.Created);
        var second = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000002", handle = "bob" }, HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal("bob", first.GetProperty("handle").GetString());
        Assert.Equal(1, await CountAsync("accounts"));
    }

    [Theory]
    [InlineData("""{"handle":"bob"}""", "providerAccountId")]
    [InlineData("""{"providerAccountId":"12 34","handle":"bob"}""", "providerAccountId")]
    [InlineData("""{"providerAccountId":"1234"}""", "handle")]
    [InlineData("""{"providerAccountId":"1234","handle":"bo b"}""", "handle")]
    [InlineData("""{"providerAccountId":"1234","handle":"bob","avatarUrl":"javascript:alert(1)"}""", "avatarUrl")]
    [InlineData("""{"providerAccountId":"1234","handle":"bob","avatarUrl":"http://plain.example/a.png"}""", "avatarUrl")]
    public async Task InvalidAccount_Is400_NamingTheField(string body, string field)
    {
        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/accounts", Token, body, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
        Assert.Equal(0, await CountAsync("accounts"));
    }

    [Fact]
    public async Task Writes_AreRateLimitedPerUser_AndTheLimitedWriteStoresNothing()
    {
        var account = await CreateAccountAsync("1000000002", "bob"); // the first of 300 writes this minute
        // 16 at a time: all at once would queue 299 requests for the database pool on a busy test machine.
        await Parallel.ForEachAsync(Enumerable.Range(0, 299), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            using var response = await Browser.SendAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "nonsense", text = "x" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        });

        using var limited = await Browser.SendAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "block", text = "one too many" });
        var problem = await limited.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Wait", problem, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("reasons"));
        await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", Token, null, HttpStatusCode.OK); // reads are not limited
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);
        await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "1000000003", handle = "carol" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task MalformedIdInTheRoute_Is404Problem()
    {
        using var response = await Browser.SendAsync(HttpMethod.Get, "/api/reasons/not-a-guid", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private Task<JsonElement> CreateReasonAsync(Guid accountId, string action, string text, string[] tags) =>
        Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action, text, tags }, HttpStatusCode.Created);

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
