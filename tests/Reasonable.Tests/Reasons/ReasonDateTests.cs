using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reasons;

/// <summary>
/// When it happened: a reason carries the date of its event (default now, any date from 1990 until today), kept
/// apart from when it was written, and the account's timeline is ordered by it.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class ReasonDateTests(SignInServers servers) : AliceSignedInTest(servers)
{
    [Fact]
    public async Task BackdatedReason_KeepsItsEventDate_BesideWhenItWasWritten()
    {
        var account = await CreateAccountAsync();

        var created = await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "block", text = "blocked in 2021", occurredAt = "2021-06-01" }, HttpStatusCode.Created);
        var read = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{created.GetProperty("id")}", Token, null, HttpStatusCode.OK);

        Assert.Equal(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero), read.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.True(read.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1), "createdAt stays the moment it was written");
    }

    [Fact]
    public async Task ReasonWithoutADate_HappenedWhenItWasWritten()
    {
        var account = await CreateAccountAsync();

        var created = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = account, action = "mute", text = "noisy" }, HttpStatusCode.Created);

        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), created.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Edit_WithoutADate_KeepsTheDate_AndWithOneMovesIt()
    {
        var account = await CreateAccountAsync();
        var id = (await CreateReasonAsync(account, "2019-03-04T10:00:00Z")).GetProperty("id").GetGuid();

        var kept = await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "edited", version = 1 }, HttpStatusCode.OK);
        var moved = await Browser.ExpectJsonAsync(
            HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "edited", version = 2, occurredAt = "2018-12-24T08:30:00+02:00" }, HttpStatusCode.OK);

        Assert.Equal(new DateTimeOffset(2019, 3, 4, 10, 0, 0, TimeSpan.Zero), kept.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2018, 12, 24, 6, 30, 0, TimeSpan.Zero), moved.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(3, moved.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Timeline_IsOrderedByWhenItHappened_NotByWhenItWasWritten()
    {
        var account = await CreateAccountAsync();
        await CreateReasonAsync(account, "2022-01-01", "the second thing");
        await CreateReasonAsync(account, null, "today's thing");
        await CreateReasonAsync(account, "2020-05-05", "the first thing, written last");

        var page = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.OK);
        var list = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", Token, null, HttpStatusCode.OK);

        Assert.Equal(
            ["today's thing", "the second thing", "the first thing, written last"],
            page.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetProperty("text").GetString()));
        var latest = list.GetProperty("items")[0].GetProperty("latestReason");
        Assert.Equal("the first thing, written last", latest.GetProperty("text").GetString()); // the list shows the newest written
        Assert.Equal(new DateTimeOffset(2020, 5, 5, 0, 0, 0, TimeSpan.Zero), latest.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("\"1989-12-31\"", "occurredAt")]
    [InlineData("\"2999-01-01\"", "occurredAt")]
    [InlineData("\"2021-13-01\"", null)]
    [InlineData("\"last summer\"", null)]
    [InlineData("20210601", null)]
    public async Task BadDate_Is400_AndNothingIsStored(string occurredAt, string? field)
    {
        var account = await CreateAccountAsync();
        var body = $$"""{"accountId":"{{account}}","action":"block","text":"x","occurredAt":{{occurredAt}}}""";

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/reasons", Token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
        }

        Assert.Contains("occurredAt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountReasonsAsync());
    }

    [Fact]
    public async Task BadDate_OnAnEdit_Is400_AndTheReasonIsUnchanged()
    {
        var account = await CreateAccountAsync();
        var id = (await CreateReasonAsync(account, "2021-06-01")).GetProperty("id").GetGuid();

        await Browser.ExpectProblemAsync(
            HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = "block", text = "changed", version = 1, occurredAt = "1900-01-01" }, HttpStatusCode.BadRequest);
        var read = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK);

        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.Equal("blocked then", read.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EventDate_IsNotInTheDatabaseInPlainText()
    {
        var account = await CreateAccountAsync();
        await CreateReasonAsync(account, "1996-07-15");

        var dump = await SecretSearch.DumpAsync(Servers.ConnectionString);

        Assert.DoesNotContain("1996-07-15", dump, StringComparison.Ordinal);
    }

    private async Task<Guid> CreateAccountAsync()
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000002", handle = "bob" }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private Task<JsonElement> CreateReasonAsync(Guid accountId, string? occurredAt, string text = "blocked then") =>
        Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text, tags = Array.Empty<string>(), occurredAt }, HttpStatusCode.Created);

    private async Task<long> CountReasonsAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from reasons", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
