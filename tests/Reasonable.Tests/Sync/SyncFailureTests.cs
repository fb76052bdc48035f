using Reasonable.Api.Providers;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>Sync against an X that rate-limits, fails, revokes access, and an API process that dies mid-sync.</summary>
[Collection(SyncTests.Name)]
public sealed class SyncFailureTests(SignInServers servers) : StackTest(servers)
{
    private static readonly string Muting = $"/2/users/{SeedData.AliceId}/muting";

    [Fact]
    public async Task Sync_WaitsOutA429_UntilTheReset_ThenCompletes()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = Muting, kind = "rate_limit", reset_seconds = 3 });

        await alice.StartAsync();
        var waiting = await alice.WaitForAsync(s => SyncDriver.RunStatus(s) == "waiting", "the run to wait for the rate-limit reset");
        var muting = SyncDriver.Relation(waiting, "muted");
        var resetsAt = muting.GetProperty("waitingUntil").GetDateTimeOffset();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("waiting", muting.GetProperty("phase").GetString());
        Assert.InRange(resetsAt, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= resetsAt, "the run must not go on before the reset");
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_WhenThePageSaysNoCallsRemain_WaitsForTheReset()
    {
        // 15 blocking calls per window, 1,000 accounts a page: the bulk blocker's 16th page must wait 15 minutes.
        var bulk = await SyncDriver.SignInAsync(Servers, Browser, SeedData.BulkBlockerId);

        await bulk.StartAsync();
        var waiting = await bulk.WaitForAsync(s => SyncDriver.RunStatus(s) == "waiting", "the run to wait for the blocking window", 120);

        var blocking = SyncDriver.Relation(waiting, "blocked");
        Assert.Equal(15, blocking.GetProperty("pages").GetInt32());
        Assert.Equal(15_000, blocking.GetProperty("fetched").GetInt32());
        Assert.InRange(blocking.GetProperty("waitingUntil").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Equal("pending", SyncDriver.Relation(waiting, "muted").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Sync_RetriesAfterServerErrors_ThenCompletes()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = Muting, kind = "server_error", count = 2, status = 503 });

        await alice.StartAsync();
        var retrying = await alice.WaitForAsync(s => SyncDriver.Relation(s, "muted").GetProperty("attempts").GetInt32() > 0, "a failed call to be counted");
        var run = await alice.WaitUntilSettledAsync();

        Assert.Contains("trying again", SyncDriver.Relation(retrying, "muted").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(0, await Servers.Sandbox.ArmedFaultsAsync());
        Assert.Equal(0, SyncDriver.Relation(run, "muted").GetProperty("attempts").GetInt32());
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_FailsWithASentence_WhenXKeepsFailing_AndKeepsWhatItFetched()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = Muting, kind = "server_error", count = 100, status = 502 });

        await alice.StartAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("failed", run.GetProperty("status").GetString());
        var error = run.GetProperty("lastError").GetString()!;
        Assert.Contains("did not answer properly 3 times in a row", error, StringComparison.Ordinal);
        Assert.Contains("Start the sync again later", error, StringComparison.Ordinal);
        Assert.DoesNotContain(SeedData.AliceId, error, StringComparison.Ordinal);
        Assert.Equal("failed", SyncDriver.Relation(run, "muted").GetProperty("phase").GetString());
        Assert.Equal("folded", SyncDriver.Relation(run, "blocked").GetProperty("phase").GetString());
        Assert.Equal("pending", SyncDriver.Relation(run, "following").GetProperty("phase").GetString());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);

        // A failed run is not live: once X answers again, the next POST starts a new one, which completes.
        await Servers.Sandbox.ClearFaultsAsync();
        var next = await alice.StartAsync();
        Assert.NotEqual(run.GetProperty("id").GetString(), next.GetProperty("id").GetString());
        Assert.Equal("completed", (await alice.WaitUntilSettledAsync()).GetProperty("status").GetString());
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_FailsWithASentence_WhenTheUserRevokedTheApp()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.RevokeTokensAsync(SeedData.AliceId);

        await alice.StartAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("Sign in with X again", run.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", SyncDriver.Relation(run, "blocked").GetProperty("phase").GetString());
        Assert.Empty(await alice.AccountsAsync());
    }

    [Fact]
    public async Task Sync_ResumesAfterTheLastCommittedPage_WhenTheApiIsKilledMidway()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = Muting, kind = "slow", delay_ms = 8000 });

        await alice.StartAsync();
        await alice.WaitForAsync(
            s => SyncDriver.Relation(s, "blocked").GetProperty("phase").GetString() == "folded"
                && SyncDriver.Relation(s, "muted").GetProperty("phase").GetString() == "fetching",
            "blocking to be done and muting under way");
        await Servers.RestartApiAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(SyncDriver.Relation(run, "blocked").GetProperty("pages").GetInt32() == 1, $"blocking must not be fetched again: {run}");
        Assert.Equal(251, SyncDriver.Relation(run, "blocked").GetProperty("fetched").GetInt32());
        var accounts = await alice.AccountsAsync();
        Assert.Equal(accounts.Count, accounts.Select(a => a.Document.ProviderAccountId).Distinct().Count());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
        Assert.Equal(122, (await alice.ActiveAsync(Relation.Following)).Count);
    }
}
