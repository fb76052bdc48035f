using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Providers;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// Syncing alice's blocks, mutes and follows from the sandbox Mastodon (fedi.example) through the real API, Hangfire
/// and PostgreSQL: Link-header paging, qualified handles, timed mutes, moves, rate limits, failures and a killed API.
/// </summary>
[Collection(MastodonSyncServers.Name)]
public sealed class MastodonSyncTests(SignInServers servers) : StackTest(servers)
{
    private const string Alice = SeedAccounts.AliceId;
    private static readonly string Mutes = "/api/v1/mutes";

    private Uri Fedi => Servers.Mastodon.Fedi;

    [Fact]
    public async Task Sync_OfAlice_StoresExactly251Blocked_31Muted_122Followed_InPagesOf80()
    {
        var alice = await SignInAsync(Alice);

        await alice.StartAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("completed", run.GetProperty("status").GetString());
        foreach (var (relation, count, pages) in new[] { ("blocked", 251, 4), ("muted", 31, 1), ("following", 122, 2) })
        {
            var progress = SyncDriver.Relation(run, relation);
            Assert.True(
                (progress.GetProperty("fetched").GetInt32(), progress.GetProperty("folded").GetInt32(), progress.GetProperty("pages").GetInt32()) == (count, count, pages),
                $"{relation} must be {count} accounts in {pages} pages of at most 80: {progress}");
        }

        var accounts = await alice.AccountsAsync();
        Assert.Equal(accounts.Count, accounts.Select(a => a.Document.ProviderAccountId).Distinct().Count());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
        Assert.Equal(122, (await alice.ActiveAsync(Relation.Following)).Count);
        Assert.Equal(await SandboxIdsAsync("blocks"), await alice.ActiveAsync(Relation.Blocked));
        Assert.Equal(await SandboxIdsAsync("mutes"), await alice.ActiveAsync(Relation.Muted));
        Assert.Equal(await SandboxIdsAsync("follows"), await alice.ActiveAsync(Relation.Following));
        Assert.All(accounts, a => Assert.Matches("^[^@\\s]+@[a-z.]+$", a.Document.Handle));
    }

    [Fact]
    public async Task Sync_StoresAcctHandles_Names_Avatars_ProfileUrls_MuteExpiries_AndMoves_AsTheApiShowsThem()
    {
        var alice = await SignInAsync(Alice);
        var syncedAt = DateTimeOffset.UtcNow;

        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();

        var carol = await AccountAsync(alice, SeedAccounts.CarolId);
        Assert.Equal("carol@social.example", carol.GetProperty("handle").GetString());
        Assert.Equal("Carol Chen", carol.GetProperty("displayName").GetString());
        Assert.Equal(new Uri(Fedi, $"/avatars/{SeedAccounts.CarolId}.svg").AbsoluteUri, carol.GetProperty("avatarUrl").GetString()); // served by the instance showing it
        Assert.Equal(new Uri(Servers.Mastodon.Social, "/@carol").AbsoluteUri, carol.GetProperty("profileUrl").GetString());
        Assert.True(carol.GetProperty("relations").GetProperty("blocked").GetProperty("endedAt").ValueKind == JsonValueKind.Null);

        var bob = await AccountAsync(alice, SeedAccounts.BobId);
        Assert.Equal("bob@fedi.example", bob.GetProperty("handle").GetString());
        Assert.Equal(new Uri(Fedi, "/@bob").AbsoluteUri, bob.GetProperty("profileUrl").GetString());
        Assert.Equal(SeedAccounts.ScripterDisplayName, (await AccountAsync(alice, SeedAccounts.ScripterId)).GetProperty("displayName").GetString());

        // Three timed mutes carry the instance's expiry; every other mute is indefinite.
        var expiries = new Dictionary<string, TimeSpan>
        {
            [SeedAccounts.BobId] = TimeSpan.FromHours(1),
            [SeedAccounts.RainbowId] = TimeSpan.FromDays(7),
            [AccountIds.Synthetic(0, 1_000)] = TimeSpan.FromDays(30),
        };
        foreach (var (id, expiresIn) in expiries)
        {
            var muted = (await AccountAsync(alice, id)).GetProperty("relations").GetProperty("muted");
            var expiresAt = muted.GetProperty("expiresAt").GetDateTimeOffset();
            Assert.InRange(expiresAt, syncedAt + expiresIn - TimeSpan.FromMinutes(5), syncedAt + expiresIn + TimeSpan.FromMinutes(1));
        }

        var untimed = (await alice.AccountsAsync()).Where(a => a.Document.Muted?.Active == true && !expiries.ContainsKey(a.Document.ProviderAccountId)).ToList();
        Assert.Equal(28, untimed.Count);
        Assert.All(untimed, a => Assert.Null(a.Document.Muted!.ExpiresAt));

        var moved = await AccountAsync(alice, SeedAccounts.OldHandleId);
        Assert.Equal("oldhandle@fedi.example", moved.GetProperty("handle").GetString());
        Assert.Equal("newhandle@fedi.example", moved.GetProperty("movedTo").GetString());
        Assert.Equal(JsonValueKind.Null, (await AccountAsync(alice, SeedAccounts.NewHandleId)).GetProperty("movedTo").ValueKind);
    }

    [Fact]
    public async Task SecondSync_AfterAnUnfollow_AnUnblock_AndAnExpiredMute_EndsThem_KeepsTheirHistory_AndAddsNoDuplicates()
    {
        var alice = await SignInAsync(Alice);
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var before = await alice.AccountsAsync();

        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Delete, $"/_sandbox/users/{Alice}/follows/{SeedAccounts.DaveId}");
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Delete, $"/_sandbox/users/{Alice}/blocks/{SeedAccounts.CarolId}");
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 2 * 3600 }); // bob's hour is up
        await alice.StartAsync();
        var second = await alice.WaitUntilSettledAsync();

        var after = await alice.AccountsAsync();
        Assert.Equal("completed", second.GetProperty("status").GetString());
        Assert.Equal(before.Select(a => a.Row.Id).Order(), after.Select(a => a.Row.Id).Order());
        Assert.Equal((250, 30, 121), ((await alice.ActiveAsync(Relation.Blocked)).Count, (await alice.ActiveAsync(Relation.Muted)).Count, (await alice.ActiveAsync(Relation.Following)).Count));
        var dave = Document(after, SeedAccounts.DaveId);
        Assert.False(dave.Following!.Active, "an unfollowed account must be marked ended");
        Assert.True(dave.Muted!.Active, "dave is still muted");
        Assert.Equal(Document(before, SeedAccounts.DaveId).Following!.Since, dave.Following.Since);
        Assert.False(Document(after, SeedAccounts.CarolId).Blocked!.Active);
        var bob = Document(after, SeedAccounts.BobId);
        Assert.False(bob.Muted!.Active, "a mute the instance ended must be marked ended");
        Assert.Null(bob.Muted.ExpiresAt);
        Assert.True(bob.Following!.Active);

        // Followed again: a new period, the ended one kept.
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/follows", new { target_id = SeedAccounts.DaveId });
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var again = Document(await alice.AccountsAsync(), SeedAccounts.DaveId).Following!;
        Assert.True(again.Active);
        Assert.Equal(dave.Following.EndedAt, Assert.Single(again.Past).EndedAt);
    }

    [Fact]
    public async Task Sync_WhenThePagingLimitIsSpent_WaitsForTheInstancesReset_ThenCompletes()
    {
        var alice = await SignInAsync(Alice);
        // Two paging requests (pages after the first) per window; the instance's clock moved on to 20 s before its
        // 15-minute window ends, minutes ahead of ours. The wait must follow the instance's clock, not ours. (20 s, so
        // a loaded machine still spends the window's two requests before it ends.)
        var ahead = await MoveToWindowEndAsync(TimeSpan.FromMinutes(15), WindowLead);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = true, paging = 2 });
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/rate-limits/reset");

        await alice.StartAsync();
        var waiting = await alice.WaitForAsync(s => SyncDriver.RunStatus(s) == "waiting", "the run to wait for the paging window");
        var blocked = SyncDriver.Relation(waiting, "blocked");
        var until = blocked.GetProperty("waitingUntil").GetDateTimeOffset();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal(3, blocked.GetProperty("pages").GetInt32()); // the second paging request answered Remaining 0
        Assert.True(until < DateTimeOffset.UtcNow.Add(WindowLead), $"the wait ({until:O}) must end when the instance's window does, not {ahead.TotalSeconds:N0} s later");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= until, "the run must not go on before the reset");
        Assert.Equal(4, SyncDriver.Relation(run, "blocked").GetProperty("pages").GetInt32());
        Assert.Equal(251, (await alice.ActiveAsync(Relation.Blocked)).Count);
        Assert.Equal(122, (await alice.ActiveAsync(Relation.Following)).Count);
    }

    [Fact]
    public async Task Sync_WhenThePerTokenLimitRefusesACall_WaitsForTheReset_ThenCompletes()
    {
        var alice = await SignInAsync(Alice);
        await MoveToWindowEndAsync(TimeSpan.FromMinutes(5), WindowLead);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = true, per_token = 5 });
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/rate-limits/reset");

        await alice.StartAsync();
        var waiting = await alice.WaitForAsync(s => SyncDriver.RunStatus(s) == "waiting", "the run to wait for the token's window");
        var run = await alice.WaitUntilSettledAsync();

        Assert.Contains(SyncDriver.Relations(waiting), r => r.GetProperty("waitingUntil").ValueKind == JsonValueKind.String);
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal((4, 1, 2), (SyncDriver.Relation(run, "blocked").GetProperty("pages").GetInt32(), SyncDriver.Relation(run, "muted").GetProperty("pages").GetInt32(), SyncDriver.Relation(run, "following").GetProperty("pages").GetInt32()));
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_WaitsOutA429_UntilItsReset_ThenCompletes()
    {
        var alice = await SignInAsync(Alice);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = Mutes, kind = "rate_limit", reset_seconds = 8 });

        // A reset long enough, and waits long enough, that a machine busy with other work still sees the run wait.
        await alice.StartAsync();
        var waiting = await alice.WaitForAsync(s => SyncDriver.RunStatus(s) == "waiting", "the run to wait for the rate-limit reset", seconds: 120);
        var muted = SyncDriver.Relation(waiting, "muted");
        var resetsAt = muted.GetProperty("waitingUntil").GetDateTimeOffset();
        var run = await alice.WaitUntilSettledAsync(seconds: 120);

        Assert.Equal("waiting", muted.GetProperty("phase").GetString());
        Assert.InRange(resetsAt, DateTimeOffset.UtcNow.AddSeconds(-20), DateTimeOffset.UtcNow.AddSeconds(10));
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= resetsAt, "the run must not go on before the reset");
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_RetriesAfterServerErrors_ThenCompletes()
    {
        var alice = await SignInAsync(Alice);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = Mutes, kind = "server_error", count = 2, status = 503 });

        await alice.StartAsync();
        var retrying = await alice.WaitForAsync(s => SyncDriver.Relation(s, "muted").GetProperty("attempts").GetInt32() > 0, "a failed call to be counted");
        var run = await alice.WaitUntilSettledAsync();

        Assert.Contains("Mastodon did not answer properly", SyncDriver.Relation(retrying, "muted").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(0, (await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Get, "/_sandbox/faults")).GetArrayLength());
        Assert.Equal(31, (await alice.ActiveAsync(Relation.Muted)).Count);
    }

    [Fact]
    public async Task Sync_FailsWithASentenceNamingMastodon_WhenTheUserRevokedTheApp()
    {
        var alice = await SignInAsync(Alice);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/revoke-tokens");

        await alice.StartAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("failed", run.GetProperty("status").GetString());
        var error = run.GetProperty("lastError").GetString()!;
        Assert.Contains("Mastodon says Reasonable's access was revoked. Sign in with Mastodon again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("fedi.example", error, StringComparison.Ordinal);
        Assert.Empty(await alice.AccountsAsync());
    }

    [Fact]
    public async Task Sync_ResumesAfterTheLastCommittedPage_WhenTheApiIsKilledMidway()
    {
        var alice = await SignInAsync(Alice);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = Mutes, kind = "hang", delay_ms = 8000 });

        await alice.StartAsync();
        await alice.WaitForAsync(
            s => SyncDriver.Relation(s, "blocked").GetProperty("phase").GetString() == "folded"
                && SyncDriver.Relation(s, "muted").GetProperty("phase").GetString() == "fetching",
            "blocks to be done and mutes under way");
        await Servers.RestartApiAsync();
        var run = await alice.WaitUntilSettledAsync();

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.True(SyncDriver.Relation(run, "blocked").GetProperty("pages").GetInt32() == 4, $"blocks must not be fetched again: {run}");
        var accounts = await alice.AccountsAsync();
        Assert.Equal(accounts.Count, accounts.Select(a => a.Document.ProviderAccountId).Distinct().Count());
        Assert.Equal((251, 31, 122), ((await alice.ActiveAsync(Relation.Blocked)).Count, (await alice.ActiveAsync(Relation.Muted)).Count, (await alice.ActiveAsync(Relation.Following)).Count));
    }

    [Fact]
    public async Task AWaitingRun_StoresNoInstance_AccountId_OrHandle_OutsideCiphertext()
    {
        var alice = await SignInAsync(Alice);
        await MoveToWindowEndAsync(TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(30));
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = true, paging = 1 });
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/rate-limits/reset");

        await alice.StartAsync(); // no GET: it would fold the pages
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? cursor;
        while ((cursor = await connection.QuerySingleOrDefaultAsync<string?>(
            "select r.cursor from sync_relations r join sync_runs s on s.id = r.run_id where s.user_id = @UserId and r.phase = 'waiting'", new { alice.UserId })) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not wait for the paging window within 30 s");
            await Task.Delay(200);
        }

        var stored = string.Join('\n', await connection.QueryAsync<string>(
            """
            select coalesce(r.cursor, '') || coalesce(r.last_error, '') from sync_relations r join sync_runs s on s.id = r.run_id where s.user_id = @UserId
            union all select coalesce(last_error, '') from sync_runs where user_id = @UserId
            """,
            new { alice.UserId }));
        Assert.StartsWith("blocks?", cursor, StringComparison.Ordinal);
        foreach (var secret in new[] { Alice, "alice", "fedi.example", "127.0.0.1", Fedi.Authority, SeedAccounts.CarolId, "carol" })
        {
            Assert.False(stored.Contains(secret, StringComparison.OrdinalIgnoreCase), $"sync_relations or sync_runs hold '{secret}' in plain text: {stored}");
        }
    }

    /// <summary>How long before a rate-limit window's end the sandbox clock is put: long enough for a loaded machine.</summary>
    private static readonly TimeSpan WindowLead = TimeSpan.FromSeconds(20);

    private async Task<SyncDriver> SignInAsync(string userId) => new(Servers, Browser, await Browser.SignInWithMastodonAsync(userId));

    /// <summary>The account with this provider id, as GET /api/accounts/{id} answers it.</summary>
    private async Task<JsonElement> AccountAsync(SyncDriver user, string providerAccountId)
    {
        var row = (await user.AccountsAsync()).Single(a => a.Document.ProviderAccountId == providerAccountId).Row;
        var detail = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{row.Id}", user.Token, null, HttpStatusCode.OK);
        return detail.GetProperty("account");
    }

    private static AccountDocument Document(IEnumerable<(Reasonable.Api.Data.AccountRow Row, AccountDocument Document)> accounts, string id) =>
        accounts.Single(a => a.Document.ProviderAccountId == id).Document;

    /// <summary>Alice's relation as the instance holds it (account ids, suspended ones included; the seed has none).</summary>
    private async Task<HashSet<string>> SandboxIdsAsync(string relation)
    {
        var rows = await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/{relation}");
        var now = DateTimeOffset.UtcNow;
        return [.. rows.EnumerateArray()
            .Where(r => r.GetProperty("expires_at").ValueKind == JsonValueKind.Null || r.GetProperty("expires_at").GetDateTimeOffset() > now)
            .Select(r => r.GetProperty("account_id").GetString()!)];
    }

    /// <summary>
    /// Moves the sandbox clock on until <paramref name="lead"/> before the end of its current <paramref name="window"/>
    /// (windows are aligned to the epoch); returns how far it moved.
    /// </summary>
    private async Task<TimeSpan> MoveToWindowEndAsync(TimeSpan window, TimeSpan lead)
    {
        var state = await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Get, "/_sandbox/state");
        var now = DateTimeOffset.Parse(state.GetProperty("clock").GetString()!, CultureInfo.InvariantCulture);
        var intoWindow = TimeSpan.FromTicks(now.UtcTicks % window.Ticks);
        var seconds = (int)Math.Floor((window - intoWindow - lead).TotalSeconds);
        if (seconds < 0)
        {
            seconds += (int)window.TotalSeconds;
        }

        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds });
        return TimeSpan.FromSeconds(seconds);
    }
}
