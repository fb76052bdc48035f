using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Block, mute, follow and their undoing, answered with the new Relationship.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonActionsTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task Block_EndsFollowsBothWays_AndIsTheNewestBlock()
    {
        var relationship = await PostAsync($"/api/v1/accounts/{SeedAccounts.BobId}/block");

        Assert.True(relationship.GetProperty("blocking").GetBoolean());
        Assert.False(relationship.GetProperty("following").GetBoolean());
        Assert.False(relationship.GetProperty("followed_by").GetBoolean());
        var first = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/blocks?limit=1", AliceToken);
        Assert.Equal(SeedAccounts.BobId, first[0].GetProperty("id").GetString());
        var bobFollows = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{SeedAccounts.BobId}/follows");
        Assert.DoesNotContain(bobFollows.EnumerateArray(), f => f.GetProperty("account_id").GetString() == Alice);
    }

    [Fact]
    public async Task Unblock_RemovesIt_AndIsHarmlessTwice()
    {
        await PostAsync($"/api/v1/accounts/{SeedAccounts.CarolId}/unblock");
        var again = await PostAsync($"/api/v1/accounts/{SeedAccounts.CarolId}/unblock");

        Assert.False(again.GetProperty("blocking").GetBoolean());
        var (items, _) = await Mastodon.CrawlAsync(Sandbox.Fedi, "/api/v1/blocks?limit=80", AliceToken);
        Assert.Equal(250, items.Count);
    }

    [Fact]
    public async Task Mute_WithDuration_SetsTheExpiry_AndNotifications()
    {
        var relationship = await PostAsync($"/api/v1/accounts/{SeedAccounts.LongNameId}/mute", ("duration", "3600"), ("notifications", "false"));

        Assert.True(relationship.GetProperty("muting").GetBoolean());
        Assert.False(relationship.GetProperty("muting_notifications").GetBoolean());
        var expires = DateTimeOffset.Parse(relationship.GetProperty("muting_expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var first = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/mutes?limit=1", AliceToken);
        Assert.Equal(relationship.GetProperty("muting_expires_at").GetString(), first[0].GetProperty("mute_expires_at").GetString());
    }

    [Fact]
    public async Task Unmute_AndFollowUnfollow_RoundTrip()
    {
        Assert.False((await PostAsync($"/api/v1/accounts/{SeedAccounts.DaveId}/unmute")).GetProperty("muting").GetBoolean());
        Assert.True((await PostAsync($"/api/v1/accounts/{SeedAccounts.LongNameId}/follow")).GetProperty("following").GetBoolean());
        Assert.False((await PostAsync($"/api/v1/accounts/{SeedAccounts.LongNameId}/unfollow")).GetProperty("following").GetBoolean());
    }

    [Fact]
    public async Task FollowingSomeoneYouBlock_IsNotAllowed()
    {
        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.CarolId}/follow", AliceToken);

        Assert.Equal("This action is not allowed", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.Forbidden)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("block")]
    [InlineData("mute")]
    [InlineData("follow")]
    public async Task UnknownAccount_Is404_AndYourself422(string action)
    {
        using var unknown = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/42/{action}", AliceToken);
        using var self = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{Alice}/{action}", AliceToken);

        Assert.Equal("Record not found", (await MastodonSandboxClient.ReadJsonAsync(unknown, HttpStatusCode.NotFound)).GetProperty("error").GetString());
        await MastodonSandboxClient.ReadJsonAsync(self, (HttpStatusCode)422);
    }

    [Fact]
    public async Task BlockAcrossInstances_ShowsAsBlockedBy_OnTheOtherSide()
    {
        var carol = await Mastodon.SignInAsync(Sandbox.Social, SeedAccounts.CarolId);

        var relationships = await Mastodon.GetJsonAsync(Sandbox.Social, $"/api/v1/accounts/relationships?id[]={Alice}", carol);

        Assert.True(relationships[0].GetProperty("blocked_by").GetBoolean());
    }

    private async Task<JsonElement> PostAsync(string path, params (string, string)[] fields)
    {
        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, path, AliceToken, fields);
        return await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.OK);
    }
}
