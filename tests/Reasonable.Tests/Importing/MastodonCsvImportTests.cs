using System.Net;
using System.Text.Json.Nodes;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Mastodon;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;
using static Reasonable.Tests.Importing.ImportFiles;

namespace Reasonable.Tests.Importing;

/// <summary>POST /api/imports with Mastodon's own CSV exports, as alice on fedi.example.</summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonCsvImportTests(SignInServers servers) : StackTest(servers)
{
    // Alice blocks carol on the sandbox, not bob; nobody has no account at all.
    private const string Blocked = "carol@social.example\nbob@fedi.example\nnobody@fedi.example\nCAROL@social.example\n";

    private SyncDriver alice = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        alice = new SyncDriver(Servers, Browser, await Browser.SignInWithMastodonAsync(SeedAccounts.AliceId));
    }

    [Fact]
    public async Task Preview_CountsAddressesToLookUp_WithoutAskingTheServerOrWriting()
    {
        var preview = await ImportAsync(Browser, alice.Token, Blocked, preview: true);

        Assert.Equal("mastodon-blocked", preview.GetProperty("kind").GetString());
        Assert.Equal((3, 0, 1), Counts(preview));
        Assert.Equal(3, preview.GetProperty("toLookUp").GetInt32());
        Assert.Equal("duplicate-in-file", Assert.Single(preview.GetProperty("skippedEntries").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, alice.UserId));
    }

    [Fact]
    public async Task Import_LooksUpNewAddresses_SkipsTheUnknown_IsIdempotent_AndSyncThenDecides()
    {
        var first = await ImportAsync(Browser, alice.Token, Blocked);
        var again = await ImportAsync(Browser, alice.Token, Blocked);

        Assert.Equal((2, 0, 2), Counts(first));
        Assert.Equal(["duplicate-in-file", "not-found"], first.GetProperty("skipReasons").EnumerateArray().Select(group => group.GetProperty("reason").GetString()).Order());
        Assert.Equal((0, 2, 2), Counts(again));
        var accounts = await AccountsAsync(Browser, alice.Token);
        Assert.Equal([SeedAccounts.BobId, SeedAccounts.CarolId], accounts.Keys.Order());
        Assert.Equal("carol@social.example", accounts[SeedAccounts.CarolId].GetProperty("handle").GetString());
        Assert.True(accounts[SeedAccounts.CarolId].GetProperty("relations").GetProperty("blocked").GetProperty("unconfirmed").GetBoolean());

        await alice.StartAsync();
        Assert.Equal("completed", (await alice.WaitUntilSettledAsync()).GetProperty("status").GetString());

        var carol = (await AccountsAsync(Browser, alice.Token, "&providerAccountId=" + SeedAccounts.CarolId))[SeedAccounts.CarolId];
        var bob = (await AccountsAsync(Browser, alice.Token, "&providerAccountId=" + SeedAccounts.BobId))[SeedAccounts.BobId];
        Assert.False(carol.GetProperty("relations").GetProperty("blocked").GetProperty("unconfirmed").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, bob.GetProperty("relations").GetProperty("blocked").GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task AfterASync_MutedAndFollowingFiles_MatchEveryAccountByAddress_AndAddNothing()
    {
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var before = await RowsAsync(Servers.ConnectionString, alice.UserId);

        var muted = await ImportAsync(Browser, alice.Token, "Account address,Hide notifications\ndave@social.example,true\nbob@fedi.example,false\n");
        var following = await ImportAsync(
            Browser, alice.Token, "Account address,Show boosts,Notify on new posts,Languages\nbob@fedi.example,true,false,\"en, de\"\ndave@social.example,true,false,\n");

        Assert.Equal(("mastodon-muted", 0, 2, 0), (muted.GetProperty("kind").GetString(), muted.GetProperty("added").GetInt32(), muted.GetProperty("matched").GetInt32(), muted.GetProperty("skipped").GetInt32()));
        Assert.Equal(("mastodon-following", 0, 2, 0), (following.GetProperty("kind").GetString(), following.GetProperty("added").GetInt32(), following.GetProperty("matched").GetInt32(), following.GetProperty("skipped").GetInt32()));
        Assert.Equal(0, muted.GetProperty("relationsAdded").GetInt32() + following.GetProperty("relationsAdded").GetInt32()); // sync already knows them
        Assert.Equal(before, await RowsAsync(Servers.ConnectionString, alice.UserId));
    }

    [Theory]
    [InlineData("carol@social.example\nnot an address\n", "Row 2")]
    [InlineData("carol@social.example\n\"unterminated\n", "Row 2")]
    [InlineData("Account address,Hide notifications\nbob@fedi.example,true\n=cmd|' /C calc'!A0,true\n", "Row 3")]
    public async Task MalformedRow_IsRefusedWhole_NamingTheRow(string file, string named)
    {
        var problem = await RefusedAsync(Browser, alice.Token, file, HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, alice.UserId));
    }

    [Fact]
    public async Task BlockedDomainsFile_IsRefused_SayingWhatItIs()
    {
        var problem = await RefusedAsync(Browser, alice.Token, "spam.example\nbad.example\n", HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains("blocked_domains.csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XArchive_IsRefusedAsAnotherNetworksFile()
    {
        var problem = await RefusedAsync(Browser, alice.Token, XBlocks("3000000001"), HttpStatusCode.UnprocessableEntity, "/problems/import-file-other-network");

        Assert.Contains("This is X's data archive", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("but you signed in with Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFromAnotherServer_IsRefused_ForItsIdsWouldNotMatch()
    {
        var export = new JsonObject
        {
            ["format"] = "reasonable-export/v1",
            ["user"] = new JsonObject { ["provider"] = "mastodon", ["handle"] = "alice@social.example" },
            ["accounts"] = new JsonArray(),
        };

        var problem = await RefusedAsync(Browser, alice.Token, export.ToJsonString(), HttpStatusCode.UnprocessableEntity, "/problems/import-file-other-network");

        Assert.Contains("another server", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
