using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Blocks, mutes and following, paged to the end through the Link header, with Mastodon's cursor and filtering rules.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonRelationsTests(MastodonSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedAccounts.AliceId;
    private readonly MastodonSandboxClient mastodon = new(sandbox);
    private string alice = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        alice = await mastodon.SignInAsync(sandbox.Fedi, Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Blocks_FollowNextLink_UntilThePageIsNotFull()
    {
        var (items, pages) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/blocks?limit=80", alice);

        Assert.Equal(251, items.Count);
        Assert.Equal(4, pages);
        Assert.Equal(251, items.Select(Id).Distinct().Count());
        Assert.Equal("carol@social.example", items[0].GetProperty("acct").GetString());
        Assert.Contains(items, a => a.GetProperty("acct").GetString() == "oldhandle" && a.GetProperty("moved").GetProperty("acct").GetString() == "newhandle");
    }

    [Fact]
    public async Task Mutes_AreAllListed_WithTheirExpiry_UntilTheyExpire()
    {
        var (items, _) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/mutes", alice);
        Assert.Equal(31, items.Count);
        Assert.Equal(3, items.Count(m => m.GetProperty("mute_expires_at").ValueKind == JsonValueKind.String));
        Assert.Equal(28, items.Count(m => m.GetProperty("mute_expires_at").ValueKind == JsonValueKind.Null));

        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 2 * 3600 });
        var (later, _) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/mutes", alice);

        Assert.Equal(30, later.Count);
        Assert.DoesNotContain(later, m => Id(m) == SeedAccounts.BobId);
    }

    [Fact]
    public async Task Following_DefaultsTo40PerPage_AndEndsAt122()
    {
        var (items, pages) = await mastodon.CrawlAsync(sandbox.Fedi, $"/api/v1/accounts/{Alice}/following", alice);

        Assert.Equal(122, items.Count);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task LinkHeader_HasNextOnlyWhenFull_PrevWhenNotEmpty_AbsoluteUrls_CarryingOnlyLimit()
    {
        using var first = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?limit=2&min_id=5&foo=bar", alice);
        var page = await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.OK);
        var links = MastodonSandboxClient.Links(first);

        Assert.Equal(2, page.GetArrayLength());
        Assert.StartsWith(new Uri(sandbox.Fedi, "/api/v1/blocks?limit=2&max_id=").ToString(), links["next"], StringComparison.Ordinal);
        Assert.StartsWith(new Uri(sandbox.Fedi, "/api/v1/blocks?limit=2&since_id=").ToString(), links["prev"], StringComparison.Ordinal);

        var bob = await mastodon.SignInAsync(sandbox.Fedi, SeedAccounts.BobId);
        using var notFull = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", bob);
        Assert.Equal(3, (await MastodonSandboxClient.ReadJsonAsync(notFull, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(["prev"], MastodonSandboxClient.Links(notFull).Keys);
        Assert.DoesNotContain("limit=", MastodonSandboxClient.Links(notFull)["prev"], StringComparison.Ordinal);

        using var empty = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?max_id=1", alice);
        Assert.Equal(0, (await MastodonSandboxClient.ReadJsonAsync(empty, HttpStatusCode.OK)).GetArrayLength());
        Assert.False(empty.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Cursors_AreRowIds_NotAccountIds()
    {
        using var first = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
        var page = await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.OK);
        var next = Cursor(MastodonSandboxClient.Links(first)["next"]);

        Assert.Equal(40, page.GetArrayLength());
        Assert.DoesNotContain(page.EnumerateArray(), a => Id(a) == next.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A client that pages by the last account id gets the first page again, not the second.
        using var wrong = await mastodon.GetAsync(sandbox.Fedi, $"/api/v1/blocks?max_id={Id(page[39])}", alice);
        Assert.Equal(Id(page[0]), Id((await MastodonSandboxClient.ReadJsonAsync(wrong, HttpStatusCode.OK))[0]));
    }

    [Theory]
    [InlineData("", 40)]
    [InlineData("?limit=500", 80)]
    [InlineData("?limit=-7", 7)]
    [InlineData("?limit=12abc", 12)]
    public async Task Limit_DefaultsTo40_AndIsCappedAt80(string query, int expected)
    {
        var page = await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/blocks" + query, alice);

        Assert.Equal(expected, page.GetArrayLength());
    }

    [Fact]
    public async Task PrevLink_ReturnsWhatWasAddedSince()
    {
        using var first = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?limit=5", alice);
        var prev = MastodonSandboxClient.Links(first)["prev"];
        using var block = await mastodon.PostFormAsync(sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.LongNameId}/block", alice);
        await MastodonSandboxClient.ReadJsonAsync(block, HttpStatusCode.OK);

        var newer = await mastodon.GetJsonAsync(sandbox.Fedi, new Uri(prev).PathAndQuery, alice);

        Assert.Equal([SeedAccounts.LongNameId], newer.EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task SuspendedAccounts_AreLeftOut()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Patch, $"/_sandbox/accounts/{SeedAccounts.CarolId}", new { suspended = true });

        var (items, _) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/blocks?limit=80", alice);
        var carol = await mastodon.GetJsonAsync(sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.CarolId}", alice);

        Assert.Equal(250, items.Count);
        Assert.True(carol.GetProperty("suspended").GetBoolean());
    }

    [Fact]
    public async Task Following_IsHidden_ForAccountsThatHideTheirNetwork_ExceptToThemselves()
    {
        var dave = await mastodon.SignInAsync(sandbox.Social, SeedAccounts.DaveId);

        var fromAlice = await mastodon.GetJsonAsync(sandbox.Social, $"/api/v1/accounts/{SeedAccounts.DaveId}/following", null);
        var fromDave = await mastodon.GetJsonAsync(sandbox.Social, $"/api/v1/accounts/{SeedAccounts.DaveId}/following", dave);

        Assert.Equal(0, fromAlice.GetArrayLength());
        Assert.Equal(2, fromDave.GetArrayLength());
    }

    [Fact]
    public async Task Following_SeenFromAnotherInstance_ListsOnlyThatInstancesAccounts()
    {
        var (items, _) = await mastodon.CrawlAsync(sandbox.Social, $"/api/v1/accounts/{Alice}/following?limit=80", null);

        Assert.Equal(20, items.Count);
        Assert.All(items, a => Assert.DoesNotContain("@", a.GetProperty("acct").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkBlocker_Has50000Blocks_ServedLazily()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });
        var bulk = await mastodon.SignInAsync(sandbox.Fedi, SeedAccounts.BulkBlockerId);

        var (items, pages) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/blocks?limit=80", bulk);

        Assert.Equal(50_000, items.Count);
        Assert.Equal(626, pages);
    }

    private static string Id(JsonElement account) => account.GetProperty("id").GetString()!;

    private static long Cursor(string url) =>
        long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["max_id"]!, System.Globalization.CultureInfo.InvariantCulture);
}
