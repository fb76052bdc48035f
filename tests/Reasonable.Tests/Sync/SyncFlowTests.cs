using Reasonable.Api.Providers;
using System.Net;
using System.Text.Json;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>Syncing a user's blocks, mutes and follows from the sandbox X, through the real API, Hangfire and PostgreSQL.</summary>
[Collection(SyncTests.Name)]
public sealed class SyncFlowTests(SignInServers servers) : StackTest(servers)
{
    [Fact]
    public async Task Sync_OfAlice_StoresExactly251Blocked_31Muted_122Followed()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);

        var started = await alice.StartAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("queued", started.GetProperty("status").GetString());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(started.GetProperty("id").GetString(), run.GetProperty("id").GetString());
        foreach (var (relation, count) in new[] { ("blocked", 251), ("muted", 31), ("following", 122) })
        {
            var progress = SyncDriver.Relation(run, relation);
            Assert.True(progress.GetProperty("fetched").GetInt32() == count, $"{relation}: fetched {progress}");
            Assert.True(progress.GetProperty("folded").GetInt32() == count, $"{relation}: folded {progress}");
        }

        var accounts = await alice.AccountsAsync();
        Assert.Equal(accounts.Count, accounts.Select(a => a.Document.ProviderAccountId).Distinct().Count());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
        Assert.Equal(122, (await alice.ActiveAsync(Relation.Following)).Count);
        var carol = Assert.Single(accounts, a => a.Document.ProviderAccountId == SeedData.CarolId).Document;
        Assert.Equal("carol", carol.Handle);
        Assert.Equal("Carol Chen", carol.DisplayName);
        Assert.EndsWith($"/avatars/{SeedData.CarolId}.svg", carol.AvatarUrl, StringComparison.Ordinal);
        Assert.True(carol.Blocked!.Active);
    }

    [Fact]
    public async Task SecondSync_AfterAnUnblock_MarksItEnded_KeepsIt_AndAddsNoDuplicates()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var before = await alice.AccountsAsync();

        await Servers.Sandbox.RemoveRelationAsync(SeedData.AliceId, "blocking", SeedData.CarolId);
        await alice.StartAsync();
        var second = await alice.WaitUntilSettledAsync();

        var after = await alice.AccountsAsync();
        Assert.Equal("completed", second.GetProperty("status").GetString());
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Select(a => a.Row.Id).Order(), after.Select(a => a.Row.Id).Order());
        Assert.Equal(250, (await alice.ActiveAsync(Relation.Blocked)).Count);
        var carol = Assert.Single(after, a => a.Document.ProviderAccountId == SeedData.CarolId);
        Assert.False(carol.Document.Blocked!.Active, "an unblocked account must be marked ended");
        Assert.NotNull(carol.Document.Blocked.EndedAt);
        Assert.Equal(carol.Document.Blocked.EndedAt, carol.Row.LastActivityAt);
        Assert.DoesNotContain(carol.Row.RelationIndexes, index => index.SequenceEqual(BlindIndexes.Relation(alice.Keys(), Relation.Blocked)));

        // Blocked again: a new period opens and the ended one is kept as history.
        await Servers.Sandbox.AddRelationAsync(SeedData.AliceId, "blocking", SeedData.CarolId);
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var again = Assert.Single(await alice.AccountsAsync(), a => a.Document.ProviderAccountId == SeedData.CarolId).Document.Blocked!;
        Assert.True(again.Active);
        Assert.Equal(carol.Document.Blocked.EndedAt, Assert.Single(again.Past).EndedAt);
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
    }

    [Fact]
    public async Task Start_WhileARunIsLive_ReturnsThatRun()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = $"/2/users/{SeedData.AliceId}/blocking", kind = "slow", delay_ms = 3000 });

        var first = await alice.StartAsync();
        var second = await alice.StartAsync();

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("completed", (await alice.WaitUntilSettledAsync()).GetProperty("status").GetString());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
    }

    [Fact]
    public async Task Status_OfAnotherUsersRun_IsInvisible()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        var aliceRun = (await alice.StartAsync()).GetProperty("id").GetString();
        using var bobsBrowser = new Browser(Servers);
        var bob = await SyncDriver.SignInAsync(Servers, bobsBrowser, SeedData.BobId);

        var bobsStatus = await bob.StatusAsync();
        var bobsRun = (await bob.StartAsync()).GetProperty("id").GetString();

        Assert.Equal(JsonValueKind.Null, bobsStatus.GetProperty("latestRun").ValueKind);
        Assert.NotEqual(aliceRun, bobsRun);
        await bob.WaitUntilSettledAsync();
        Assert.Equal(3, (await bob.ActiveAsync(Relation.Blocked)).Count);
        Assert.Equal(aliceRun, (await alice.WaitUntilSettledAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Sync_WithoutKeys_IsAConflictThatSaysWhy()
    {
        await Browser.SignInAsync(SeedData.DaveId);
        await Servers.DeleteKeyListAsync(SeedData.DaveId);
        using var laptop = new Browser(Servers);
        var locked = await laptop.SignInAsync(SeedData.DaveId);

        await laptop.ExpectProblemAsync(HttpMethod.Post, "/api/sync", locked, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");
        await laptop.ExpectProblemAsync(HttpMethod.Get, "/api/sync", locked, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");
    }

    [Fact]
    public async Task Sync_WithoutAToken_IsUnauthorized()
    {
        using var response = await Browser.SendAsync(HttpMethod.Post, "/api/sync", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sync_Of100000Blocks_FoldsEveryOne_PageByPage()
    {
        await Servers.Sandbox.SetRateLimitsAsync(enabled: false);
        var bulk = await SyncDriver.SignInAsync(Servers, Browser, SeedData.BulkBlockerId);

        await bulk.StartAsync();
        var run = await bulk.WaitUntilSettledAsync(seconds: 300);

        Assert.Equal("completed", run.GetProperty("status").GetString());
        var blocking = SyncDriver.Relation(run, "blocked");
        Assert.Equal(100, blocking.GetProperty("pages").GetInt32());
        Assert.Equal(SeedData.BulkBlockCount, blocking.GetProperty("folded").GetInt32());
        Assert.Equal(SeedData.BulkBlockCount, (await bulk.ActiveAsync(Relation.Blocked)).Count);
    }
}
