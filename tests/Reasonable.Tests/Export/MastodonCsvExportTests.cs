using System.Net;
using System.Text;
using System.Text.Json;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Mastodon;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;

namespace Reasonable.Tests.Export;

/// <summary>
/// The files a user moving to another Mastodon server imports there (blocked_accounts.csv, muted_accounts.csv,
/// following_accounts.csv), after a real sync of alice on fedi.example: exactly her accounts, in Mastodon's own shape,
/// with handles that could break the file left out; an X user is told the files are not for them.
/// </summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonCsvExportTests(SignInServers servers) : StackTest(servers)
{
    private const string Alice = "109000000000000001";
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Files_AfterASync_HoldExactlyTheBlockedMutedAndFollowedAccounts_InMastodonsShape()
    {
        var alice = await SyncedAliceAsync();

        var blocked = await DownloadAsync(alice, "blocked", "blocked_accounts.csv");
        var muted = await DownloadAsync(alice, "muted", "muted_accounts.csv");
        var following = await DownloadAsync(alice, "following", "following_accounts.csv");

        // Blocks: no header, one address per line.
        Assert.Equal(await SandboxAcctsAsync("blocks"), Addresses(blocked, header: null, rest: string.Empty));
        Assert.Equal("Account address,Hide notifications", muted[0]);
        Assert.Equal(await SandboxAcctsAsync("mutes"), Addresses(muted, header: muted[0], rest: ",true"));
        Assert.Equal("Account address,Show boosts,Notify on new posts,Languages", following[0]);
        Assert.Equal(await SandboxAcctsAsync("follows"), Addresses(following, header: following[0], rest: ",true,false,"));
        Assert.Equal((251, 31, 122), (blocked.Count, muted.Count - 1, following.Count - 1));
        Assert.Contains("carol@social.example", blocked);
    }

    [Fact]
    public async Task Handles_ThatCouldBreakTheFile_OrNameNoServer_AreLeftOut_NeverEscaped()
    {
        var alice = await SyncedAliceAsync();
        string[] hostile =
        [
            "evil,true@fedi.example", "\"quoted\"@fedi.example", "line\nbreak@fedi.example", "cr\rlf@fedi.example",
            "tab\tbed@fedi.example", "bell\u0007@fedi.example", "rtl\u202Eelpmaxe@fedi.example", "=HYPERLINK(1)@fedi.example",
            "-2+3@fedi.example", "@lead@fedi.example", "two@at@fedi.example", "nodomain", "space d@fedi.example", "trailing@",
        ];
        for (var i = 0; i < hostile.Length; i++)
        {
            var state = RelationState.Started(Start);
            await StoredAccounts.InsertAsync(
                Servers, alice.Token, new AccountDocument($"9990000000000{i:D5}", hostile[i], "Hostile", null, state, state, state), Start);
        }

        await StoredAccounts.InsertAsync(
            Servers, alice.Token, new AccountDocument("999100000000000001", "ünïcode_ok@xn--fdi-nla.example", null, null, RelationState.Started(Start), null, null), Start);

        var blocked = await DownloadAsync(alice, "blocked", "blocked_accounts.csv");
        var muted = await DownloadAsync(alice, "muted", "muted_accounts.csv");
        var following = await DownloadAsync(alice, "following", "following_accounts.csv");

        Assert.Equal(252, blocked.Count);
        Assert.Contains("ünïcode_ok@xn--fdi-nla.example", blocked);
        Assert.Equal(32, muted.Count); // header + 31
        Assert.Equal(123, following.Count);
        foreach (var line in blocked.Concat(muted).Concat(following))
        {
            Assert.DoesNotContain("evil", line, StringComparison.Ordinal);
            Assert.DoesNotContain("\"", line, StringComparison.Ordinal);
            Assert.DoesNotContain("'", line, StringComparison.Ordinal);
            Assert.DoesNotContain("HYPERLINK", line, StringComparison.Ordinal);
            Assert.DoesNotContain("nodomain", line, StringComparison.Ordinal);
            Assert.DoesNotContain("\u202E", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task XUser_Gets409_SayingTheFilesAreForMovingBetweenServers()
    {
        var token = await Browser.SignInAsync(SeedData.AliceId);

        foreach (var format in new[] { "blocked", "muted", "following" })
        {
            var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/export?format={format}", token, null, HttpStatusCode.Conflict, "/problems/export-needs-servers");

            Assert.Contains("servers", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The other formats still work for them.
        using var json = await Browser.SendAsync(HttpMethod.Get, "/api/export?format=json", token);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
    }

    [Fact]
    public async Task UnknownFormat_Is400_NamingFormat_AndListingTheFormats()
    {
        var token = await Browser.SignInWithMastodonAsync(Alice);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/export?format=blocks", token, null, HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.GetProperty("errors").GetProperty("format").EnumerateArray()).GetString()!;
        foreach (var format in new[] { "json", "csv", "blocked", "muted", "following" })
        {
            Assert.Contains(format, message, StringComparison.Ordinal);
        }
    }

    private async Task<SyncDriver> SyncedAliceAsync()
    {
        var alice = new SyncDriver(Servers, Browser, await Browser.SignInWithMastodonAsync(Alice));
        await alice.StartAsync();
        var status = await alice.WaitForAsync(
            s => SyncDriver.RunStatus(s) is "completed" or "failed" && s.GetProperty("pendingPages").GetInt32() == 0, "the sync to complete", 90);
        Assert.Equal("completed", SyncDriver.RunStatus(status));
        return alice;
    }

    /// <summary>Downloads one file, checks its headers and encoding, and returns its lines (LF or CRLF ended).</summary>
    private async Task<List<string>> DownloadAsync(SyncDriver user, string format, string fileName)
    {
        using var response = await Browser.SendAsync(HttpMethod.Get, $"/api/export?format={format}", user.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"{fileName}\"", string.Join(", ", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the file must not start with a byte order mark");
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "every line ends with a line break");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];
    }

    /// <summary>The addresses of a file's rows, checking each row is the address followed by exactly <paramref name="rest"/>.</summary>
    private static HashSet<string> Addresses(List<string> lines, string? header, string rest)
    {
        var rows = header is null ? lines : lines.Skip(1).ToList();
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Assert.EndsWith(rest, row, StringComparison.Ordinal);
            var address = row[..^rest.Length];
            Assert.Matches("^[^@,\"\\s]+@[a-z.]+$", address);
            Assert.True(addresses.Add(address), $"{address} is in the file twice");
        }

        return addresses;
    }

    /// <summary>Alice's relation as the instance holds it (active now), as addresses: local accounts get fedi.example.</summary>
    private async Task<HashSet<string>> SandboxAcctsAsync(string relation)
    {
        var rows = await Servers.Mastodon.ControlAsync(Servers.Mastodon.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/{relation}");
        var now = DateTimeOffset.UtcNow;
        return [.. rows.EnumerateArray()
            .Where(r => r.GetProperty("expires_at").ValueKind == JsonValueKind.Null || r.GetProperty("expires_at").GetDateTimeOffset() > now)
            .Select(r => r.GetProperty("acct").GetString()!)
            .Select(acct => acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{MastodonSandboxProcess.FediDomain}")];
    }
}
