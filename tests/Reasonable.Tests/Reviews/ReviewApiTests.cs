using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reviews;

/// <summary>
/// Review later: review dates on accounts and reasons, the list of what is due (oldest first, with the account and
/// its reasons), timed mutes that end within a week, and everything a caller may get wrong.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class ReviewApiTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task AccountReviewedToday_IsDue_WithItsAccountAndReasons_AndAFutureOneIsNot()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var carol = await CreateAccountAsync("1000000003", "carol");
        await CreateReasonAsync(bob, "blocked for spam");
        await SetAccountReviewAsync(bob, Today);
        await SetAccountReviewAsync(carol, Today.AddMonths(6));

        var page = await ListAsync();

        Assert.Equal(1, page.GetProperty("due").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("account", item.GetProperty("kind").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), item.GetProperty("dueOn").GetString());
        Assert.Equal("bob", item.GetProperty("account").GetProperty("handle").GetString());
        Assert.Equal("blocked for spam", item.GetProperty("reasons")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task DueItems_AreOldestFirst_AndAReasonItemNamesItsReason_WithoutChangingItsVersion()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var reason = await CreateReasonAsync(bob, "muted, look again later");
        await SetAccountReviewAsync(bob, Today);
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{reason}/review", Token, new { reviewOn = Today.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

        var page = await ListAsync();
        var read = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{reason}", Token, null, HttpStatusCode.OK);

        Assert.Equal(["reason", "account"], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("kind").GetString()));
        Assert.Equal(reason, page.GetProperty("items")[0].GetProperty("reasonId").GetGuid());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ClearingAReviewDate_TakesItOutOfReview_AndTheAccountSaysWhatIsSet()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var reason = await CreateReasonAsync(bob, "x");
        await SetAccountReviewAsync(bob, Today);
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{reason}/review", Token, new { reviewOn = Today.AddYears(1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

        var cleared = await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/accounts/{bob}/review", Token, new { reviewOn = (string?)null }, HttpStatusCode.OK);
        var dates = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{bob}/review", Token, null, HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("reviewOn").ValueKind);
        Assert.Equal(0, (await ListAsync()).GetProperty("due").GetInt32());
        Assert.Equal(JsonValueKind.Null, dates.GetProperty("reviewOn").ValueKind);
        var onReason = Assert.Single(dates.GetProperty("reasons").EnumerateArray());
        Assert.Equal(reason, onReason.GetProperty("reasonId").GetGuid());
        Assert.Equal(Today.AddYears(1).ToString("yyyy-MM-dd"), onReason.GetProperty("reviewOn").GetString());
    }

    [Fact]
    public async Task OtherUsersAccountsAndReasons_LookMissing_AndNothingIsWritten()
    {
        using var bobBrowser = new Browser(Servers);
        var bobToken = await bobBrowser.SignInAsync(SeedData.BobId);
        var bobsAccount = (await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bobToken, new { providerAccountId = "1000000003", handle = "carol" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var bobsReason = (await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", bobToken, new { accountId = bobsAccount, action = "block", text = "bob's" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var body = new { reviewOn = Today.ToString("yyyy-MM-dd") };

        await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/accounts/{bobsAccount}/review", Token, body, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/reasons/{bobsReason}/review", Token, body, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts/{bobsAccount}/review", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Post, $"/api/accounts/{bobsAccount}/review/mute-end", Token, null, HttpStatusCode.NotFound, "/problems/not-found");
        await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/accounts/{Guid.NewGuid()}/review", Token, body, HttpStatusCode.NotFound, "/problems/not-found");

        Assert.Equal(0, await CountReviewDatesAsync());
    }

    public static TheoryData<string> BadReviewDates => new()
    {
        "\"2020-01-01\"",
        "\"2999-01-01\"",
        "\"next week\"",
        "\"2026-02-30\"",
        "17",
    };

    [Theory]
    [MemberData(nameof(BadReviewDates))]
    public async Task BadReviewDate_Is400_NamingIt_AndNothingIsWritten(string reviewOn)
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var reason = await CreateReasonAsync(bob, "x");

        foreach (var path in new[] { $"/api/accounts/{bob}/review", $"/api/reasons/{reason}/review" })
        {
            var problem = await Browser.ExpectProblemAsync(HttpMethod.Put, path, Token, $$"""{"reviewOn":{{reviewOn}}}""", HttpStatusCode.BadRequest, "/problems/invalid-request");
            Assert.Contains("reviewOn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountReviewDatesAsync());
    }

    [Theory]
    [InlineData("2020-01-01")]
    [InlineData("tomorrow")]
    [InlineData("2026-1-1")]
    public async Task BadUntil_Is400_NamingIt(string until)
    {
        var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reviews?until={until}", Token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty("until", out _), problem.ToString());
    }

    [Fact]
    public async Task TamperedRows_AreNeverShown_OnlyCounted()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var carol = await CreateAccountAsync("1000000003", "carol");
        var reason = await CreateReasonAsync(carol, "carol's reason");
        await SetAccountReviewAsync(bob, Today);
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{reason}/review", Token, new { reviewOn = Today.ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        await ExecuteAsync("update accounts set data_ciphertext = overlay(data_ciphertext placing '\\x00'::bytea from 40 for 1) where id = @id", bob);
        await ExecuteAsync("update reasons set content_ciphertext = overlay(content_ciphertext placing '\\x00'::bytea from 40 for 1) where id = @id", reason);

        var page = await ListAsync();

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("unreadable").GetInt32());
    }

    [Fact]
    public async Task TimedMute_EndingWithinAWeek_IsDueUntilLookedAt_AndOneEndingLaterIsNot()
    {
        var now = DateTimeOffset.UtcNow;
        await StoredAccounts.InsertAsync(Servers, Token, Muted("1000000002", "bob", now.AddDays(3)), now);
        await StoredAccounts.InsertAsync(Servers, Token, Muted("1000000003", "carol", now.AddDays(30)), now);

        var page = await ListAsync();
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        var account = item.GetProperty("account").GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Post, $"/api/accounts/{account}/review/mute-end", Token, null, HttpStatusCode.NoContent);
        var after = await ListAsync();
        var detail = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.OK);

        Assert.Equal("mute-ends", item.GetProperty("kind").GetString());
        Assert.Equal("bob", item.GetProperty("account").GetProperty("handle").GetString());
        Assert.True(Math.Abs((item.GetProperty("muteEndsAt").GetDateTimeOffset() - now.AddDays(3)).TotalSeconds) < 1);
        Assert.Equal(0, after.GetProperty("due").GetInt32());
        Assert.True(detail.GetProperty("account").GetProperty("relations").GetProperty("muted").GetProperty("active").GetBoolean(), "looking at it changes nothing else");
    }

    [Fact]
    public async Task MuteEnd_OnAnAccountWithoutATimedMute_Is409()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");

        await Browser.ExpectProblemAsync(HttpMethod.Post, $"/api/accounts/{bob}/review/mute-end", Token, null, HttpStatusCode.Conflict, "/problems/no-timed-mute");
    }

    private static AccountDocument Muted(string id, string handle, DateTimeOffset endsAt) =>
        new(id, handle, null, null, null, RelationState.Started(DateTimeOffset.UtcNow.AddDays(-1), endsAt), null);

    private Task<JsonElement> ListAsync() =>
        Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reviews?until={Today:yyyy-MM-dd}", Token, null, HttpStatusCode.OK);

    private Task<JsonElement> SetAccountReviewAsync(Guid account, DateOnly day) =>
        Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/accounts/{account}/review", Token, new { reviewOn = day.ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<Guid> CreateReasonAsync(Guid accountId, string text) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<long> CountReviewDatesAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from accounts where review_on is not null) + (select count(*) from reasons where review_on is not null)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
