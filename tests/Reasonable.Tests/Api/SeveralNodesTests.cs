using System.Net;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// Reasonable on several machines: two API processes that serve requests (SYNC_WORKER=off) and a third that only runs
/// sync jobs, all on one PostgreSQL database of their own. Sessions, limits and syncs must not care which node a
/// request reaches.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SeveralNodesTests(SignInServers servers, PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime, IDisposable
{
    private const int WritesPerMinute = 4;
    private ApiProcess first = null!;
    private ApiProcess second = null!;
    private ApiProcess worker = null!;
    private Browser onFirst = null!;
    private Browser onSecond = null!;

    public async Task InitializeAsync()
    {
        await servers.ResetAsync();
        var environment = servers.Environment();
        environment["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase());
        environment["WRITE_RATE_LIMIT"] = WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SYNC_START_RATE_LIMIT"] = "2";
        worker = await ApiProcess.StartAsync(new Dictionary<string, string?>(environment) { ["SYNC_WORKER"] = "on" }); // migrates first
        environment["SYNC_WORKER"] = "off";
        (first, second) = (await ApiProcess.StartAsync(environment), await ApiProcess.StartAsync(environment));
        onFirst = new Browser(servers, first.BaseAddress);
        onSecond = new Browser(servers, second.BaseAddress);
    }

    public async Task DisposeAsync() =>
        await Task.WhenAll(first.DisposeAsync().AsTask(), second.DisposeAsync().AsTask(), worker.DisposeAsync().AsTask());

    public void Dispose()
    {
        onFirst?.Dispose();
        onSecond?.Dispose();
    }

    [Fact]
    public async Task TheWriteLimit_CountsEveryNode_NotEachOnItsOwn()
    {
        var token = await onFirst.SignInAsync(SeedData.AliceId);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < WritesPerMinute + 2; i++)
        {
            var node = i % 2 == 0 ? onFirst : onSecond;
            using var response = await node.SendAsync(HttpMethod.Post, "/api/accounts", token, new { providerAccountId = $"10000000{10 + i}", handle = $"someone{i}" });
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, WritesPerMinute), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        var problem = await onSecond.ExpectProblemAsync(HttpMethod.Post, "/api/accounts", token, new { providerAccountId = "1000000099", handle = "late" }, HttpStatusCode.TooManyRequests, "/problems/too-many-requests");
        Assert.Equal("Too many changes at once", problem.GetProperty("title").GetString());
        var listed = await onFirst.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", token, null, HttpStatusCode.OK);
        Assert.Equal(WritesPerMinute, listed.GetProperty("items").GetArrayLength()); // the refused ones wrote nothing
    }

    [Fact]
    public async Task AnotherUsersWrites_DoNotSpendTheirLimit()
    {
        var alice = await onFirst.SignInAsync(SeedData.AliceId);
        var bob = await onSecond.SignInAsync(SeedData.BobId);
        for (var i = 0; i < WritesPerMinute; i++)
        {
            await onFirst.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", alice, new { providerAccountId = $"10000000{10 + i}", handle = $"someone{i}" }, HttpStatusCode.Created);
        }

        await onSecond.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "1000000010", handle = "someone" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task SigningOutOnOneNode_EndsTheSessionOnEveryNode_AtOnce()
    {
        var token = await onFirst.SignInAsync(SeedData.AliceId);
        await onSecond.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);

        using (var signOut = await onFirst.SendAsync(HttpMethod.Post, "/api/auth/logout", token))
        {
            Assert.True(signOut.IsSuccessStatusCode, $"sign-out answered {(int)signOut.StatusCode}");
        }

        using var after = await onSecond.SendAsync(HttpMethod.Get, "/api/me", token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ASyncStartedOnAWebNode_IsRunByTheWorker_AndSeenFromTheOtherNode_AndItsLimitHoldsAcrossNodes()
    {
        var token = await onFirst.SignInAsync(SeedData.AliceId);

        await onFirst.ExpectJsonAsync(HttpMethod.Post, "/api/sync", token, null, HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        System.Text.Json.JsonElement status;
        do
        {
            await Task.Delay(300);
            status = await onSecond.ExpectJsonAsync(HttpMethod.Get, "/api/sync", token, null, HttpStatusCode.OK);
        }
        while (status.GetProperty("latestRun").GetProperty("status").GetString() != "completed" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", status.GetProperty("latestRun").GetProperty("status").GetString());
        var blocked = await onSecond.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?relation=blocked&limit=200", token, null, HttpStatusCode.OK);
        Assert.Equal(200, blocked.GetProperty("items").GetArrayLength());
        // Only the worker runs jobs on this database: both web nodes have SYNC_WORKER=off.

        // Two starts an hour (SYNC_START_RATE_LIMIT=2): the second, on the other node, is the last one allowed.
        await onSecond.ExpectJsonAsync(HttpMethod.Post, "/api/sync", token, null, HttpStatusCode.Accepted);
        var problem = await onFirst.ExpectProblemAsync(HttpMethod.Post, "/api/sync", token, null, HttpStatusCode.TooManyRequests, "/problems/too-many-requests");
        Assert.Equal("Too many syncs started", problem.GetProperty("title").GetString());
    }
}
