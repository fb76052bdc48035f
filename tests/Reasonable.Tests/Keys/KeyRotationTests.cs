using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// POST /api/keys/rotate against the real API, sandbox X and PostgreSQL: the key list gets the next user key, the
/// data keys are re-wrapped, and every session, token, note and recovery code keeps working.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class KeyRotationTests(SignInServers servers) : KeyStackTest(servers)
{
    [Fact]
    public async Task Rotate_WritesTheNextKeyToTheSameList_AndTheOldKeyNoLongerOpensTheDataKeys()
    {
        var (token, userId) = await SignInAsync(Alice);
        var listBefore = (await Servers.KeyListAsync(Alice))!.Value;
        using var oldKey = await Stored.ListedUserKeyAsync(Alice);

        var rotated = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);

        Assert.Equal(2, rotated.GetProperty("keyVersion").GetInt32());
        Assert.InRange(rotated.GetProperty("rotatedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var listAfter = (await Servers.KeyListAsync(Alice))!.Value;
        Assert.Equal(listBefore.GetProperty("id").GetString(), listAfter.GetProperty("id").GetString());
        Assert.NotEqual(listBefore.GetProperty("description").GetString(), listAfter.GetProperty("description").GetString());
        Assert.True(listAfter.GetProperty("private").GetBoolean(), "the key list must stay private");
        using var newKey = await Stored.ListedUserKeyAsync(Alice);
        Assert.Equal(2u, newKey.Version);
        Assert.NotEqual(oldKey.Key, newKey.Key);
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.True(await Stored.OpensDataKeysAsync(newKey, userId), "the new user key must open the data keys");
        Assert.False(await Stored.OpensDataKeysAsync(oldKey, userId), "the old user key must open nothing after rotation");
        Assert.All(await Stored.DataKeyRowsAsync(userId), row => Assert.Null(row.Pending));
    }

    [Fact]
    public async Task SessionsAndPersonalTokens_KeepReadingAndWriting_AfterRotations()
    {
        var (token, _) = await SignInAsync(Alice);
        var personal = await CreateTokenAsync(token, "before rotation");

        await RotateAsync(token);
        await RotateAsync(token);

        await CreateTokenAsync(token, "after rotation");
        Assert.Equal(["after rotation", "before rotation"], await TokenNamesAsync(token));
        Assert.Equal(["after rotation", "before rotation"], await TokenNamesAsync(personal));
        Assert.Equal("alice", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task SigningInAgain_AfterRotation_OpensTheSameData()
    {
        var (token, userId) = await SignInAsync(Alice);
        await CreateTokenAsync(token, "written under key version 1");
        var account = await Notes.AddAccountAsync(token);
        await Notes.WriteReasonAsync(token, account, "a note under key version 1");
        await RotateAsync(token);

        using var otherBrowser = new Browser(Servers);
        var again = await otherBrowser.SignInAsync(Alice);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK);
        Assert.Equal(userId, me.GetProperty("id").GetGuid());
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal("alice", me.GetProperty("handle").GetString());
        Assert.Equal(["written under key version 1"], await TokenNamesAsync(again));
        Assert.Equal(["a note under key version 1"], await Notes.ReasonTextsAsync(again, account));
    }

    [Fact]
    public async Task RecoveryCode_MadeBeforeRotations_StillRestoresAfterThem()
    {
        var (token, userId) = await SignInAsync(Alice);
        var code = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        await CreateTokenAsync(token, "kept through rotations");
        var first = await RotateAsync(token);
        await RotateAsync(token);
        Assert.True(first.GetProperty("recoveryCodeWorks").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("advice").ValueKind);

        await Servers.DeleteKeyListAsync(Alice);
        var locked = await new Browser(Servers).SignInAsync(Alice);
        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        var restoredToken = restored.GetProperty("token").GetString()!;
        Assert.Equal(["kept through rotations"], await TokenNamesAsync(restoredToken));
        using var listed = await Stored.ListedUserKeyAsync(Alice);
        Assert.Equal(3u, listed.Version);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
    }

    [Theory]
    [InlineData("server_error", "/problems/provider-unavailable")]
    [InlineData("rate_limit", "/problems/provider-rate-limited")]
    public async Task Rotate_WhenXFailsToWriteTheList_Answers503_AndEverythingKeepsTheOldKey(string fault, string problemType)
    {
        var (token, userId) = await SignInAsync(Alice);
        await CreateTokenAsync(token, "before the failed rotation");
        var description = await Stored.ListDescriptionAsync(Alice);
        await Sandbox.ArmFaultAsync("/2/lists", fault);

        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.ServiceUnavailable, problemType);

        Assert.Equal(description, await Stored.ListDescriptionAsync(Alice));
        // The rotation stays pending (X may yet apply the write); the current key still opens everything.
        Assert.Equal((1, (int?)2), await Stored.VersionsAsync(userId));
        using (var listed = await Stored.ListedUserKeyAsync(Alice))
        {
            Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        }

        Assert.Equal(["before the failed rotation"], await TokenNamesAsync(token));
        var again = await new Browser(Servers).SignInAsync(Alice);
        Assert.Equal(["before the failed rotation"], await TokenNamesAsync(again));
        Assert.Equal(2, (await RotateAsync(token)).GetProperty("keyVersion").GetInt32());
    }

    [Fact]
    public async Task Rotate_WhenXRevokedTheApp_IsAConflictThatSaysToSignInAgain_AndChangesNothing()
    {
        var (token, userId) = await SignInAsync(Alice);
        await Sandbox.RevokeTokensAsync(Alice);

        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.Conflict, "/problems/provider-access-revoked");

        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
    }

    [Fact]
    public async Task Rotate_WithoutKeys_IsAConflict_AndWritesNoList()
    {
        await SignInAsync(Alice);
        await Servers.DeleteKeyListAsync(Alice);
        var locked = await new Browser(Servers).SignInAsync(Alice);

        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", locked, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");

        Assert.Null(await Servers.KeyListAsync(Alice));
    }

    [Fact]
    public async Task Rotate_WhenTheListWasEditedSinceSignIn_IsAConflict_AndChangesNothing()
    {
        var (token, userId) = await SignInAsync(Alice);
        var list = (await Servers.KeyListAsync(Alice))!.Value;
        using (var body = JsonContent.Create(new { description = "my blocklist notes" }))
        {
            (await Servers.Sandbox.Client.PatchAsync(new Uri($"/_sandbox/lists/{list.GetProperty("id").GetString()}", UriKind.Relative), body)).EnsureSuccessStatusCode();
        }

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");

        Assert.Contains("GET /api/me", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("my blocklist notes", await Stored.ListDescriptionAsync(Alice));
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal("edited", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
    }

    [Fact]
    public async Task ConcurrentRotations_AreSerialised_AndNothingIsLost()
    {
        var (token, userId) = await SignInAsync(Alice);
        await CreateTokenAsync(token, "through concurrent rotations");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Browser.SendAsync(HttpMethod.Post, "/api/keys/rotate", token)));

        var versions = new List<int>();
        foreach (var response in responses)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"a concurrent rotation answered {(int)response.StatusCode}: {text}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    versions.Add(JsonDocument.Parse(text).RootElement.GetProperty("keyVersion").GetInt32());
                }
            }
        }

        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(1 + versions.Count, versions.Max());
        Assert.Equal((versions.Max(), (int?)null), await Stored.VersionsAsync(userId));
        using var listed = await Stored.ListedUserKeyAsync(Alice);
        Assert.Equal((uint)versions.Max(), listed.Version);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal(["through concurrent rotations"], await TokenNamesAsync(await new Browser(Servers).SignInAsync(Alice)));
    }

    [Fact]
    public async Task RotationUnderConcurrentWrites_LosesNothing()
    {
        var (token, _) = await SignInAsync(Alice);
        var account = await Notes.AddAccountAsync(token);
        var texts = Enumerable.Range(1, 12).Select(i => $"written during rotation {i:00}").ToList();

        var writes = texts.Select(text => Notes.WriteReasonAsync(token, account, text));
        var rotations = Enumerable.Range(0, 2).Select(_ => RotateAsync(token));
        await Task.WhenAll(writes.Concat<Task>(rotations));

        var signedInAgain = await new Browser(Servers).SignInAsync(Alice);
        Assert.Equal(texts, await Notes.ReasonTextsAsync(signedInAgain, account));
        Assert.Equal(texts, await Notes.ReasonTextsAsync(token, account));
    }

    [Fact]
    public async Task Rotate_IsRateLimitedPerUser()
    {
        var (token, _) = await SignInAsync(Alice);
        for (var i = 0; i < 10; i++)
        {
            await RotateAsync(token);
        }

        using var response = await Browser.SendAsync(HttpMethod.Post, "/api/keys/rotate", token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"the 11th rotation within an hour answered {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), "Retry-After should say when the hour's window ends");
        Assert.Contains("key rotations", text, StringComparison.Ordinal);
        using var bobsBrowser = new Browser(Servers);
        await RotateAsync(await bobsBrowser.SignInAsync(SeedData.BobId));
    }

    [Fact]
    public async Task Rotate_WithoutAToken_Is401()
    {
        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", null, null, HttpStatusCode.Unauthorized);
    }

    private Task<UserSession> SignInAsync(string providerUserId) => UserSession.SignInAsync(Browser, providerUserId);

    private Task<JsonElement> RotateAsync(string token) => Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);

    private async Task<string> CreateTokenAsync(string token, string name) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name, expiresInDays = 7 }, HttpStatusCode.Created)).GetProperty("token").GetString()!;

    /// <summary>The names of the user's personal tokens (stored under their data key), in order.</summary>
    private async Task<List<string>> TokenNamesAsync(string token) =>
        [.. (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
}
