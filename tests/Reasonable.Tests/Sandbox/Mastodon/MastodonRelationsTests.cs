using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Blocks, mutes and following, paged to the end through the Link header, with Mastodon's cursor and filtering rules.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonRelationsTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task Blocks_FollowNextLink_UntilThePageIsNotFull()
    {
        var (items, pages) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/blocks?limit=80", AliceToken);

        Assert.Equal(251, items.Count);
        Assert.Equal(4, pages);
        Assert.Equal(251, items.Select(Id).Distinct().Count());
        Assert.Equal("carol@social.example", items[0].GetProperty("acct").GetString());
        Assert.Contains(items, a => a.GetProperty("acct").GetString() == "oldhandle" && a.GetProperty("moved").GetProperty("acct").GetString() == "newhandle");
    }

    [Fact]
    public async Task Mutes_AreAllListed_WithTheirExpiry_UntilTheyExpire()
    {
        var (items, _) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/mutes", AliceToken);
        Assert.Equal(31, items.Count);
        Assert.Equal(3, items.Count(m => m.GetProperty("mute_expires_at").ValueKind == JsonValueKind.String));
        Assert.Equal(28, items.Count(m => m.GetProperty("mute_expires_at").ValueKind == JsonValueKind.Null));

        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 2 * 3600 });
        var (later, _) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/mutes", AliceToken);

        Assert.Equal(30, later.Count);
        Assert.DoesNotContain(later, m => Id(m) == SeedAccounts.BobId);
    }

    [Fact]
    public async Task Following_DefaultsTo40PerPage_AndEndsAt122()
    {
        var (items, pages) = await Mastodon.CrawlAsync(Sandbox.Fedi, $"/api/v1/accounts/{Alice}/following", AliceToken);

        Assert.Equal(122, items.Count);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task LinkHeader_HasNextOnlyWhenFull_PrevWhenNotEmpty_AbsoluteUrls_CarryingOnlyLimit()
    {
        using var first = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?limit=2&min_id=5&foo=bar", AliceToken);
        var page = await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.OK);
        var links = MastodonSandboxClient.Links(first);

        Assert.Equal(2, page.GetArrayLength());
        Assert.StartsWith(new Uri(Sandbox.Fedi, "/api/v1/blocks?limit=2&max_id=").ToString(), links["next"], StringComparison.Ordinal);
        Assert.StartsWith(new Uri(Sandbox.Fedi, "/api/v1/blocks?limit=2&since_id=").ToString(), links["prev"], StringComparison.Ordinal);

        var bob = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.BobId);
        using var notFull = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", bob);
        Assert.Equal(3, (await MastodonSandboxClient.ReadJsonAsync(notFull, HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(["prev"], MastodonSandboxClient.Links(notFull).Keys);
        Assert.DoesNotContain("limit=", MastodonSandboxClient.Links(notFull)["prev"], StringComparison.Ordinal);

        using var empty = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?max_id=1", AliceToken);
        Assert.Equal(0, (await MastodonSandboxClient.ReadJsonAsync(empty, HttpStatusCode.OK)).GetArrayLength());
        Assert.False(empty.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Cursors_AreRowIds_NotAccountIds()
    {
        using var first = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
        var page = await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.OK);
        var next = Cursor(MastodonSandboxClient.Links(first)["next"]);

        Assert.Equal(40, page.GetArrayLength());
        Assert.DoesNotContain(page.EnumerateArray(), a => Id(a) == next.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A client that pages by the last account id gets the first page again, not the second.
        using var wrong = await Mastodon.GetAsync(Sandbox.Fedi, $"/api/v1/blocks?max_id={Id(page[39])}", AliceToken);
        Assert.Equal(Id(page[0]), Id((await MastodonSandboxClient.ReadJsonAsync(wrong, HttpStatusCode.OK))[0]));
    }

    [Theory]
    [InlineData("", 40)]
    [InlineData("?limit=500", 80)]
    [InlineData("?limit=-7", 7)]
    [InlineData("?limit=12abc", 12)]
    public async Task Limit_DefaultsTo40_AndIsCappedAt80(string query, int expected)
    {
        var page = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/blocks" + query, AliceToken);

        Assert.Equal(expected, page.GetArrayLength());
    }

    [Fact]
    public async Task PrevLink_ReturnsWhatWasAddedSince()
    {
        using var first = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?limit=5", AliceToken);
        var prev = MastodonSandboxClient.Links(first)["prev"];
        using var block = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.LongNameId}/block", AliceToken);
        await MastodonSandboxClient.ReadJsonAsync(block, HttpStatusCode.OK);

        var newer = await Mastodon.GetJsonAsync(Sandbox.Fedi, new Uri(prev).PathAndQuery, AliceToken);

        Assert.Equal([SeedAccounts.LongNameId], newer.EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task SuspendedAccounts_AreLeftOut()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Patch, $"/_sandbox/accounts/{SeedAccounts.CarolId}", new { suspended = true });

        var (items, _) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/blocks?limit=80", AliceToken);
        var carol = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.CarolId}", AliceToken);

        Assert.Equal(250, items.Count);
        Assert.True(carol.GetProperty("suspended").GetBoolean());
    }

    [Fact]
    public async Task Following_IsHidden_ForAccountsThatHideTheirNetwork_ExceptToThemselves()
    {
        var dave = await Mastodon.SignInAsync(Sandbox.Social, SeedAccounts.DaveId);

        var fromAlice = await Mastodon.GetJsonAsync(Sandbox.Social, $"/api/v1/accounts/{SeedAccounts.DaveId}/following", null);
        var fromDave = await Mastodon.GetJsonAsync(Sandbox.Social, $"/api/v1/accounts/{SeedAccounts.DaveId}/following", dave);

        Assert.Equal(0, fromAlice.GetArrayLength());
        Assert.Equal(2, fromDave.GetArrayLength());
    }

    [Fact]
    public async Task Following_SeenFromAnotherInstance_ListsOnlyThatInstancesAccounts()
    {
        var (items, _) = await Mastodon.CrawlAsync(Sandbox.Social, $"/api/v1/accounts/{Alice}/following?limit=80", null);

        Assert.Equal(20, items.Count);
        Assert.All(items, a => Assert.DoesNotContain("@", a.GetProperty("acct").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkBlocker_Has50000Blocks_ServedLazily()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });
        var bulk = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.BulkBlockerId);

        var (items, pages) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/blocks?limit=80", bulk);

        Assert.Equal(50_000, items.Count);
        Assert.Equal(626, pages);
    }

    private static string Id(JsonElement account) => account.GetProperty("id").GetString()!;

    private static long Cursor(string url) =>
        long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["max_id"]!, System.Globalization.CultureInfo.InvariantCulture);
}
