using System.Net;
using Reasonable.Crypto;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// A rotation can stop between any two steps (the process dies, the node is replaced). These tests leave the states
/// it can leave, pending wraps in the database with the new or the old key in the list, and check that the user
/// still signs in and opens their data, and that the rotation is finished or replaced cleanly.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class InterruptedRotationTests(SignInServers servers) : KeyStackTest(servers)
{
    [Fact]
    public async Task StoppedAfterWritingTheList_SignInOpensTheData_AndFinishesTheRotation()
    {
        var (token, userId) = await SignUpAsync();
        using var next = await StopAfterWritingTheListAsync(userId);

        var again = await new Browser(Servers).SignInAsync(Alice);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK);
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal("alice", me.GetProperty("handle").GetString());
        Assert.Equal("written before the rotation", await TokenNameAsync(again));
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.All(await Stored.DataKeyRowsAsync(userId), row => Assert.Null(row.Pending));
        Assert.True(await Stored.OpensDataKeysAsync(next, userId), "the finished rotation's key must open the current wraps");
        Assert.Equal("written before the rotation", await TokenNameAsync(token));
    }

    [Fact]
    public async Task StoppedBeforeWritingTheList_SignInOpensTheData_AndTheNextRotationReplacesThePendingWraps()
    {
        var (token, userId) = await SignUpAsync();
        using (var current = await Stored.ListedUserKeyAsync(Alice))
        using (var next = UserKey.Generate(2))
        {
            await Stored.StagePendingRotationAsync(userId, current, next);
        }

        var again = await new Browser(Servers).SignInAsync(Alice);

        Assert.Equal("written before the rotation", await TokenNameAsync(again));
        Assert.Equal((1, (int?)2), await Stored.VersionsAsync(userId));
        var rotated = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);
        Assert.Equal(2, rotated.GetProperty("keyVersion").GetInt32());
        using var listed = await Stored.ListedUserKeyAsync(Alice);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(await new Browser(Servers).SignInAsync(Alice)));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_TheNextRotationFinishesItFirst()
    {
        var (token, userId) = await SignUpAsync();
        (await StopAfterWritingTheListAsync(userId)).Dispose();

        var rotated = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);

        Assert.Equal(3, rotated.GetProperty("keyVersion").GetInt32());
        using var listed = await Stored.ListedUserKeyAsync(Alice);
        Assert.Equal(3u, listed.Version);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(await new Browser(Servers).SignInAsync(Alice)));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_ARecoveryCodeMadeBefore_StillRestoresWhenTheListIsThenDeleted()
    {
        var (token, userId) = await SignUpAsync();
        var code = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        (await StopAfterWritingTheListAsync(userId)).Dispose();
        await Servers.DeleteKeyListAsync(Alice);

        var locked = await new Browser(Servers).SignInAsync(Alice);
        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        Assert.Equal("written before the rotation", await TokenNameAsync(restored.GetProperty("token").GetString()!));
        using var listed = await Stored.ListedUserKeyAsync(Alice);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_ARecoveryCodeMadeThen_SealsTheFinishedKey()
    {
        var (token, userId) = await SignUpAsync();
        (await StopAfterWritingTheListAsync(userId)).Dispose();

        var code = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        await Servers.DeleteKeyListAsync(Alice);
        var locked = await new Browser(Servers).SignInAsync(Alice);
        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(restored.GetProperty("token").GetString()!));
    }

    /// <summary>Signs alice up and writes a personal token's name under her data key.</summary>
    private async Task<UserSession> SignUpAsync()
    {
        var session = await UserSession.SignInAsync(Browser, Alice);
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", session.Token, new { name = "written before the rotation", expiresInDays = 7 }, HttpStatusCode.Created);
        return session;
    }

    /// <summary>The state a rotation leaves when it stops after writing the list: pending wraps, and the next key listed.</summary>
    private async Task<UserKey> StopAfterWritingTheListAsync(Guid userId)
    {
        using var current = await Stored.ListedUserKeyAsync(Alice);
        var next = UserKey.Generate(current.Version + 1);
        await Stored.StagePendingRotationAsync(userId, current, next);
        await Stored.WriteListAsync(Alice, next);
        return next;
    }

    private async Task<string> TokenNameAsync(string token)
    {
        var tokens = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
        return Assert.Single(tokens.EnumerateArray()).GetProperty("name").GetString()!;
    }
}
