using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Block, mute, follow and their undoing, answered with the new Relationship.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonActionsTests(MastodonSandboxProcess sandbox) : IAsyncLifetime
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
    public async Task Block_EndsFollowsBothWays_AndIsTheNewestBlock()
    {
        var relationship = await PostAsync($"/api/v1/accounts/{SeedAccounts.BobId}/block");

        Assert.True(relationship.GetProperty("blocking").GetBoolean());
        Assert.False(relationship.GetProperty("following").GetBoolean());
        Assert.False(relationship.GetProperty("followed_by").GetBoolean());
        var first = await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/blocks?limit=1", alice);
        Assert.Equal(SeedAccounts.BobId, first[0].GetProperty("id").GetString());
        var bobFollows = await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{SeedAccounts.BobId}/follows");
        Assert.DoesNotContain(bobFollows.EnumerateArray(), f => f.GetProperty("account_id").GetString() == Alice);
    }

    [Fact]
    public async Task Unblock_RemovesIt_AndIsHarmlessTwice()
    {
        await PostAsync($"/api/v1/accounts/{SeedAccounts.CarolId}/unblock");
        var again = await PostAsync($"/api/v1/accounts/{SeedAccounts.CarolId}/unblock");

        Assert.False(again.GetProperty("blocking").GetBoolean());
        var (items, _) = await mastodon.CrawlAsync(sandbox.Fedi, "/api/v1/blocks?limit=80", alice);
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
        var first = await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/mutes?limit=1", alice);
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
        using var response = await mastodon.PostFormAsync(sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.CarolId}/follow", alice);

        Assert.Equal("This action is not allowed", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.Forbidden)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("block")]
    [InlineData("mute")]
    [InlineData("follow")]
    public async Task UnknownAccount_Is404_AndYourself422(string action)
    {
        using var unknown = await mastodon.PostFormAsync(sandbox.Fedi, $"/api/v1/accounts/42/{action}", alice);
        using var self = await mastodon.PostFormAsync(sandbox.Fedi, $"/api/v1/accounts/{Alice}/{action}", alice);

        Assert.Equal("Record not found", (await MastodonSandboxClient.ReadJsonAsync(unknown, HttpStatusCode.NotFound)).GetProperty("error").GetString());
        await MastodonSandboxClient.ReadJsonAsync(self, (HttpStatusCode)422);
    }

    [Fact]
    public async Task BlockAcrossInstances_ShowsAsBlockedBy_OnTheOtherSide()
    {
        var carol = await mastodon.SignInAsync(sandbox.Social, SeedAccounts.CarolId);

        var relationships = await mastodon.GetJsonAsync(sandbox.Social, $"/api/v1/accounts/relationships?id[]={Alice}", carol);

        Assert.True(relationships[0].GetProperty("blocked_by").GetBoolean());
    }

    private async Task<JsonElement> PostAsync(string path, params (string, string)[] fields)
    {
        using var response = await mastodon.PostFormAsync(sandbox.Fedi, path, alice, fields);
        return await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.OK);
    }
}
