using System.Net;
using Reasonable.Crypto;
using Reasonable.Sandbox.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// A rotation can stop between any two steps (the process dies, the node is replaced). These tests leave the states
/// it can leave, pending wraps in the database with the new or the old key in the list, and check that the user
/// still signs in and opens their data, and that the rotation is finished or replaced cleanly.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class InterruptedRotationTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private const string Alice = SeedData.AliceId;
    private readonly Browser browser = new(servers);
    private readonly StoredKeys stored = new(servers);

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => browser.Dispose();

    [Fact]
    public async Task StoppedAfterWritingTheList_SignInOpensTheData_AndFinishesTheRotation()
    {
        var (token, userId) = await SignUpAsync();
        using var next = await StopAfterWritingTheListAsync(userId);

        var again = await new Browser(servers).SignInAsync(Alice);

        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK);
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal("alice", me.GetProperty("handle").GetString());
        Assert.Equal("written before the rotation", await TokenNameAsync(again));
        Assert.Equal((2, (int?)null), await stored.VersionsAsync(userId));
        Assert.All(await stored.DataKeyRowsAsync(userId), row => Assert.Null(row.Pending));
        Assert.True(await stored.OpensDataKeysAsync(next, userId), "the finished rotation's key must open the current wraps");
        Assert.Equal("written before the rotation", await TokenNameAsync(token));
    }

    [Fact]
    public async Task StoppedBeforeWritingTheList_SignInOpensTheData_AndTheNextRotationReplacesThePendingWraps()
    {
        var (token, userId) = await SignUpAsync();
        using (var current = await stored.ListedUserKeyAsync(Alice))
        using (var next = UserKey.Generate(2))
        {
            await stored.StagePendingRotationAsync(userId, current, next);
        }

        var again = await new Browser(servers).SignInAsync(Alice);

        Assert.Equal("written before the rotation", await TokenNameAsync(again));
        Assert.Equal((1, (int?)2), await stored.VersionsAsync(userId));
        var rotated = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);
        Assert.Equal(2, rotated.GetProperty("keyVersion").GetInt32());
        using var listed = await stored.ListedUserKeyAsync(Alice);
        Assert.True(await stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal((2, (int?)null), await stored.VersionsAsync(userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(await new Browser(servers).SignInAsync(Alice)));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_TheNextRotationFinishesItFirst()
    {
        var (token, userId) = await SignUpAsync();
        (await StopAfterWritingTheListAsync(userId)).Dispose();

        var rotated = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);

        Assert.Equal(3, rotated.GetProperty("keyVersion").GetInt32());
        using var listed = await stored.ListedUserKeyAsync(Alice);
        Assert.Equal(3u, listed.Version);
        Assert.True(await stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(await new Browser(servers).SignInAsync(Alice)));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_ARecoveryCodeMadeBefore_StillRestoresWhenTheListIsThenDeleted()
    {
        var (token, userId) = await SignUpAsync();
        var code = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        (await StopAfterWritingTheListAsync(userId)).Dispose();
        await servers.DeleteKeyListAsync(Alice);

        var locked = await new Browser(servers).SignInAsync(Alice);
        var restored = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        Assert.Equal("written before the rotation", await TokenNameAsync(restored.GetProperty("token").GetString()!));
        using var listed = await stored.ListedUserKeyAsync(Alice);
        Assert.True(await stored.OpensDataKeysAsync(listed, userId));
    }

    [Fact]
    public async Task StoppedAfterWritingTheList_ARecoveryCodeMadeThen_SealsTheFinishedKey()
    {
        var (token, userId) = await SignUpAsync();
        (await StopAfterWritingTheListAsync(userId)).Dispose();

        var code = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        await servers.DeleteKeyListAsync(Alice);
        var locked = await new Browser(servers).SignInAsync(Alice);
        var restored = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        Assert.Equal((2, (int?)null), await stored.VersionsAsync(userId));
        Assert.Equal("written before the rotation", await TokenNameAsync(restored.GetProperty("token").GetString()!));
    }

    /// <summary>Signs alice up and writes a personal token's name under her data key.</summary>
    private async Task<(string Token, Guid UserId)> SignUpAsync()
    {
        var token = await browser.SignInAsync(Alice);
        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "written before the rotation", expiresInDays = 7 }, HttpStatusCode.Created);
        return (token, me.GetProperty("id").GetGuid());
    }

    /// <summary>The state a rotation leaves when it stops after writing the list: pending wraps, and the next key listed.</summary>
    private async Task<UserKey> StopAfterWritingTheListAsync(Guid userId)
    {
        using var current = await stored.ListedUserKeyAsync(Alice);
        var next = UserKey.Generate(current.Version + 1);
        await stored.StagePendingRotationAsync(userId, current, next);
        await stored.WriteListAsync(Alice, next);
        return next;
    }

    private async Task<string> TokenNameAsync(string token)
    {
        var tokens = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
        return Assert.Single(tokens.EnumerateArray()).GetProperty("name").GetString()!;
    }
}
