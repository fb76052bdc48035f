using System.Net;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Accounts;

/// <summary>
/// POST /api/accounts/bulk: one reason and/or a review date for up to 500 accounts in one request, all or nothing;
/// ids that are not the user's (missing or someone else's) are named and nothing is written.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class AccountBulkTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    [Fact]
    public async Task OneReason_To300Accounts_InOneRequest_EachReadsBack()
    {
        var ids = await InsertAccountsAsync(300);

        var answer = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts/bulk", Token,
            new { accountIds = ids, reason = new { action = "block", text = "Part of the pile-on", tags = new[] { "pile-on" }, occurredAt = "2026-03-01" } }, HttpStatusCode.OK);
        var tagged = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts/count?tag=pile-on", Token, null, HttpStatusCode.OK);
        var one = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{ids[123]}", Token, null, HttpStatusCode.OK);

        Assert.Equal(300, answer.GetProperty("accounts").GetInt32());
        Assert.Equal(300, answer.GetProperty("reasonIds").GetArrayLength());
        Assert.Equal(300, tagged.GetProperty("matching").GetInt32());
        var reason = Assert.Single(one.GetProperty("reasons").EnumerateArray());
        Assert.Equal("Part of the pile-on", reason.GetProperty("text").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), reason.GetProperty("occurredAt").GetDateTimeOffset());
        var found = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=pile%20on&limit=200", Token, null, HttpStatusCode.OK);
        Assert.True(found.GetProperty("items").GetArrayLength() == 200, "the bulk reasons are in the search index: a search finds them");
    }

    [Fact]
    public async Task ReviewDate_On300Accounts_MakesThemDue_AndNullClearsThem()
    {
        var ids = await InsertAccountsAsync(300);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts/bulk", Token, new { accountIds = ids, setReview = true, reviewOn = Today }, HttpStatusCode.OK);
        var due = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reviews?until={Today}&limit=1", Token, null, HttpStatusCode.OK);
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts/bulk", Token, new { accountIds = ids, setReview = true, reviewOn = (string?)null }, HttpStatusCode.OK);
        var after = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reviews?until={Today}&limit=1", Token, null, HttpStatusCode.OK);

        Assert.Equal(300, due.GetProperty("due").GetInt32());
        Assert.Equal(0, after.GetProperty("due").GetInt32());
    }

    [Fact]
    public async Task OtherUsersAndMissingIds_AreNamed_AndNothingIsWritten()
    {
        var ids = await InsertAccountsAsync(5);
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);
        var bobs = (await bobBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "1000000009", handle = "bobs" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var missing = Guid.NewGuid();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/accounts/bulk", Token,
            new { accountIds = ids.Append(bobs).Append(missing).ToArray(), reason = new { action = "block", text = "x" }, setReview = true, reviewOn = Today },
            HttpStatusCode.BadRequest, "/problems/accounts-not-found");

        Assert.Equal([bobs, missing], problem.GetProperty("notFound").EnumerateArray().Select(id => id.GetGuid()));
        Assert.Equal(0, await ScalarAsync("select count(*) from reasons"));
        Assert.Equal(0, await ScalarAsync("select count(*) from accounts where review_on is not null"));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"accountIds":[],"setReview":true,"reviewOn":null}""", "accountIds" },
        { """{"accountIds":["00000000-0000-0000-0000-000000000000"],"setReview":true}""", "accountIds" },
        { """{"accountIds":["IDS"]}""", "reason" },
        { """{"accountIds":["IDS"],"setReview":true,"reviewOn":"2001-01-01"}""", "reviewOn" },
        { """{"accountIds":["IDS"],"reason":{"action":"ban","text":"x"}}""", "action" },
        { """{"accountIds":["IDS"],"reason":{"action":"block","text":"x","occurredAt":"1900-01-01"}}""", "occurredAt" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_Is400_NamingTheField_AndNothingIsWritten(string body, string field)
    {
        var ids = await InsertAccountsAsync(1);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/accounts/bulk", Token, body.Replace("IDS", ids[0].ToString(), StringComparison.Ordinal), HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await ScalarAsync("select count(*) from reasons"));
        Assert.Equal(0, await ScalarAsync("select count(*) from accounts where review_on is not null"));
    }

    [Fact]
    public async Task MoreThan500Ids_Is400()
    {
        var ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/accounts/bulk", Token, new { accountIds = ids, setReview = true, reviewOn = Today }, HttpStatusCode.BadRequest);

        Assert.Contains("500", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedAccount_StillRefusesToShowItsNewReason()
    {
        var ids = await InsertAccountsAsync(2);
        await ExecuteAsync($"update accounts set data_ciphertext = overlay(data_ciphertext placing '\\x00'::bytea from 40 for 1) where id = '{ids[0]}'");

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts/bulk", Token, new { accountIds = ids, reason = new { action = "mute", text = "noisy" } }, HttpStatusCode.OK);

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts/{ids[0]}", Token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
        var fine = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{ids[1]}", Token, null, HttpStatusCode.OK);
        Assert.Equal("noisy", fine.GetProperty("reasons")[0].GetProperty("text").GetString());
    }

    /// <summary>Accounts stored as sync would store them (the API's write limit would refuse 300 creations a minute).</summary>
    private async Task<Guid[]> InsertAccountsAsync(int count)
    {
        using var keys = UserKeys.FromToken(Servers.MasterKeys, Token);
        DapperSetup.Apply();
        await using var dataSource = NpgsqlDataSource.Create(Servers.ConnectionString);
        var repository = new AccountRepository(dataSource);
        var ids = new Guid[count];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var row = AccountCipher.Seal(keys, Guid.NewGuid(), new AccountDocument($"{2000000000 + i}", $"bulk{i:000}", null, null, null, null, null), now, now, now);
            Assert.True(await repository.CreateAsync(row, CancellationToken.None));
            ids[i] = row.Id;
        }

        return ids;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
