using System.Net;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>The control hooks a client's tests set the world up with, and read back what the client wrote.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonControlTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task Relations_SetThroughControl_AreSeenByTheApi_AndReadBack()
    {
        var target = "109001000001000500";
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/mutes", new { target_id = target, expires_in = 60, notifications = false });
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Delete, $"/_sandbox/users/{Alice}/blocks/{SeedAccounts.CarolId}");

        var relationships = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/relationships?id[]={target}&id[]={SeedAccounts.CarolId}", AliceToken);
        var mutes = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/mutes");
        var state = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, "/_sandbox/state");

        Assert.True(relationships[0].GetProperty("muting").GetBoolean());
        Assert.False(relationships[0].GetProperty("muting_notifications").GetBoolean());
        Assert.False(relationships[1].GetProperty("blocking").GetBoolean());
        Assert.Equal(target, mutes[0].GetProperty("account_id").GetString());
        Assert.Equal("user000500@social.example", mutes[0].GetProperty("acct").GetString());
        var aliceCounts = state.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("id").GetString() == Alice);
        Assert.Equal(250, aliceCounts.GetProperty("blocks").GetInt32());
        Assert.Equal(32, aliceCounts.GetProperty("mutes").GetInt32());
    }

    [Fact]
    public async Task UnknownUsersAndRelations_Are404()
    {
        using var unknownUser = await Sandbox.Client.GetAsync(new Uri(Sandbox.Fedi, $"/_sandbox/users/{SeedAccounts.CarolId}/blocks"));
        using var unknownRelation = await Sandbox.Client.GetAsync(new Uri(Sandbox.Fedi, $"/_sandbox/users/{Alice}/friends"));

        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRelation.StatusCode);
    }

    [Fact]
    public async Task Notes_SetThroughControl_ShowInRelationships()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Put, $"/_sandbox/users/{Alice}/notes/{SeedAccounts.BobId}", new { comment = "written on the website" });

        var relationships = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/relationships?id[]={SeedAccounts.BobId}", AliceToken);

        Assert.Equal("written on the website", relationships[0].GetProperty("note").GetString());
    }
}
