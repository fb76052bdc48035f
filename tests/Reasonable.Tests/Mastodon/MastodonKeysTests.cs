using System.Net;
using System.Text.Json;
using Reasonable.Api.Providers;
using Reasonable.Crypto;
using Reasonable.Tests.Keys;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// Rotating the user key and deleting the account on Mastodon, through the real API, the Mastodon sandbox and
/// PostgreSQL: the same list gets the next key, an instance failing mid-write loses nothing, and deletion removes the
/// list, revokes the token at /oauth/revoke and every row, or nothing at all when the instance cannot be reached.
/// </summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonKeysTests(SignInServers servers) : KeyStackTest(servers)
{
    private const string AliceId = MastodonKeyList.Alice;
    private const string TokenName = "written before the rotation";
    private static readonly object Confirmed = new { confirm = "delete my account" };

    private MastodonKeyList Lists { get; } = new(servers);

    [Fact]
    public async Task Rotate_RewritesTheSameList_AndTheNotesSessionsAndTokensKeepWorking()
    {
        var (token, userId) = await SignUpAsync();
        var personal = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "exporter", expiresInDays = 7 }, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        var account = await Notes.AddAccountAsync(token);
        await Notes.WriteReasonAsync(token, account, "a note under key version 1");
        var before = await Lists.GetAsync(AliceId);
        using var oldKey = await Lists.ListedUserKeyAsync(AliceId);

        var rotated = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);

        Assert.Equal(2, rotated.GetProperty("keyVersion").GetInt32());
        var after = Assert.Single(await Lists.KeyListsAsync(AliceId));
        Assert.Equal(MastodonKeyList.Id(before), MastodonKeyList.Id(after));
        Assert.NotEqual(MastodonKeyList.Title(before), MastodonKeyList.Title(after));
        Assert.Equal("none", after.GetProperty("replies_policy").GetString());
        Assert.Equal(3, (await Lists.ListsAsync(AliceId)).Count);
        using var newKey = await Lists.ListedUserKeyAsync(AliceId);
        Assert.Equal(2u, newKey.Version);
        Assert.True(await Stored.OpensDataKeysAsync(newKey, userId), "the new user key must open the data keys");
        Assert.False(await Stored.OpensDataKeysAsync(oldKey, userId), "the old user key must open nothing after rotation");
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal(["exporter", TokenName], await TokenNamesAsync(token));
        Assert.Equal(["exporter", TokenName], await TokenNamesAsync(personal));
        Assert.Equal(["a note under key version 1"], await Notes.ReasonTextsAsync(token, account));
        await Notes.WriteReasonAsync(personal, account, "a note under key version 2");
        var again = await new Browser(Servers).SignInWithMastodonAsync(AliceId);
        Assert.Equal(["a note under key version 1", "a note under key version 2"], await Notes.ReasonTextsAsync(again, account));
        Assert.Equal("alice@fedi.example", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task RecoveryCode_MadeBeforeARotation_RestoresTheRotatedKey()
    {
        var (token, userId) = await SignUpAsync();
        var code = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
        Assert.True((await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK)).GetProperty("recoveryCodeWorks").GetBoolean());
        await Lists.DeleteAsync(AliceId);
        var locked = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        Assert.Equal([TokenName], await TokenNamesAsync(restored.GetProperty("token").GetString()!));
        using var listed = await Lists.ListedUserKeyAsync(AliceId);
        Assert.Equal(2u, listed.Version);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
    }

    [Theory]
    [InlineData("server_error", HttpStatusCode.ServiceUnavailable, "/problems/provider-unavailable")]
    [InlineData("rate_limit", HttpStatusCode.ServiceUnavailable, "/problems/provider-rate-limited")]
    [InlineData("hang", HttpStatusCode.ServiceUnavailable, "/problems/provider-unavailable")]
    public async Task Rotate_WhenTheInstanceFailsToWriteTheList_AnswersItsProblem_AndEverythingKeepsTheOldKey(string fault, HttpStatusCode status, string problemType)
    {
        var (token, userId) = await SignUpAsync();
        var title = await Lists.TitleAsync(AliceId);
        await Lists.ArmFaultAsync(AliceId, "/api/v1/lists/*", fault, "PUT");

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate", token, null, status, problemType);

        Assert.Contains("Mastodon", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(title, await Lists.TitleAsync(AliceId));
        // The rotation stays pending (the instance may yet apply the write); the current key still opens everything.
        Assert.Equal((1, (int?)2), await Stored.VersionsAsync(userId));
        using (var listed = await Lists.ListedUserKeyAsync(AliceId))
        {
            Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        }

        Assert.Equal([TokenName], await TokenNamesAsync(token));
        Assert.Equal([TokenName], await TokenNamesAsync(await new Browser(Servers).SignInWithMastodonAsync(AliceId)));
        Assert.Equal(2, (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK)).GetProperty("keyVersion").GetInt32());
    }

    [Fact]
    public async Task RotationStoppedAfterTheInstanceTookTheNewTitle_SignInOpensTheData_AndFinishesIt()
    {
        var (token, userId) = await SignUpAsync();
        using var next = await StopAfterWritingTheListAsync(userId);

        var again = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK);
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal([TokenName], await TokenNamesAsync(again));
        Assert.Equal([TokenName], await TokenNamesAsync(token));
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
        Assert.All(await Stored.DataKeyRowsAsync(userId), row => Assert.Null(row.Pending));
        Assert.True(await Stored.OpensDataKeysAsync(next, userId), "the finished rotation's key must open the current wraps");
    }

    [Fact]
    public async Task RotationStoppedBeforeTheInstanceTookTheNewTitle_SignInOpensTheData_AndTheNextRotationReplacesIt()
    {
        var (token, userId) = await SignUpAsync();
        using (var current = await Lists.ListedUserKeyAsync(AliceId))
        using (var next = UserKey.Generate(2))
        {
            await Stored.StagePendingRotationAsync(userId, current, next);
        }

        var again = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        Assert.Equal([TokenName], await TokenNamesAsync(again));
        Assert.Equal((1, (int?)2), await Stored.VersionsAsync(userId));
        Assert.Equal(2, (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK)).GetProperty("keyVersion").GetInt32());
        using var listed = await Lists.ListedUserKeyAsync(AliceId);
        Assert.True(await Stored.OpensDataKeysAsync(listed, userId));
        Assert.Equal((2, (int?)null), await Stored.VersionsAsync(userId));
    }

    [Fact]
    public async Task Delete_RemovesTheList_RevokesTheTokenAtTheInstance_AndEveryRowOfTheUser()
    {
        var (token, userId) = await SignUpAsync();
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK);
        await Notes.WriteReasonAsync(token, await Notes.AddAccountAsync(token), "muted for spam");
        var sessionIds = await SessionIdsAsync(token);
        Assert.Contains("reasons: 1", await Stored.RowsOfUserAsync(userId, sessionIds));
        var accessToken = Assert.Single(await Lists.TokensAsync(AliceId), t => !t.GetProperty("revoked").GetBoolean());

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.True(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.False(deleted.GetProperty("keyListLeftOnProvider").GetBoolean());
        Assert.True(deleted.GetProperty("providerAccessRevoked").GetBoolean());
        Assert.Empty(await Lists.KeyListsAsync(AliceId));
        Assert.Equal(["Friends", "Reading"], (await Lists.ListsAsync(AliceId)).Select(MastodonKeyList.Title));
        var revoked = Assert.Single(await Lists.TokensAsync(AliceId), t => t.GetProperty("token").GetString() == accessToken.GetProperty("token").GetString());
        Assert.True(revoked.GetProperty("revoked").GetBoolean(), "the instance should show Reasonable's token revoked");
        Assert.Equal(0, await Lists.RevokeTokensAsync(AliceId));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);

        var (_, freshId) = await UserSession.SignInWithMastodonAsync(new Browser(Servers), AliceId, "fedi.example");
        Assert.NotEqual(userId, freshId);
        Assert.Single(await Lists.KeyListsAsync(AliceId));
    }

    [Theory]
    [InlineData("GET", "server_error", "/problems/provider-unavailable")]
    [InlineData("GET", "rate_limit", "/problems/provider-rate-limited")]
    [InlineData("DELETE", "server_error", "/problems/provider-unavailable")]
    public async Task Delete_WhenTheInstanceCannotBeReached_Is503_DeletesNothing_AndCanBeRetried(string method, string fault, string problemType)
    {
        var (token, userId) = await SignUpAsync();
        var title = await Lists.TitleAsync(AliceId);
        await Lists.ArmFaultAsync(AliceId, "/api/v1/lists", fault, method);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.ServiceUnavailable, problemType);

        Assert.Contains("Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(title, await Lists.TitleAsync(AliceId));
        Assert.False(Assert.Single(await Lists.TokensAsync(AliceId)).GetProperty("revoked").GetBoolean(), "nothing deleted, so the token must stay live");
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal([TokenName], await TokenNamesAsync(token));
        await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);
        Assert.Empty(await Lists.KeyListsAsync(AliceId));
    }

    [Fact]
    public async Task Delete_WhenTheUserAlreadyRevokedTheToken_DeletesTheRowsAnyway_AndSaysTheListIsLeft()
    {
        var (token, userId) = await SignUpAsync();
        var sessionIds = await SessionIdsAsync(token);
        Assert.Equal(1, await Lists.RevokeTokensAsync(AliceId));

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.False(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.True(deleted.GetProperty("keyListLeftOnProvider").GetBoolean());
        var detail = deleted.GetProperty("detail").GetString()!;
        Assert.Contains($"Mastodon would not let us remove the private list \"{KeyListName.Value}\"", detail, StringComparison.Ordinal);
        Assert.Contains("delete it on Mastodon", detail, StringComparison.Ordinal);
        Assert.NotNull(await Lists.FindAsync(AliceId));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Delete_WhenRevokingTheTokenFails_StillDeletes_AndSaysWhereToRemoveTheApp()
    {
        var (token, userId) = await SignUpAsync();
        var sessionIds = await SessionIdsAsync(token);
        await Lists.ArmFaultAsync(AliceId, "/oauth/revoke", "server_error");

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.True(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.False(deleted.GetProperty("providerAccessRevoked").GetBoolean());
        var detail = deleted.GetProperty("detail").GetString()!;
        Assert.Contains("in your Mastodon settings", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("connected apps", detail, StringComparison.Ordinal); // X's name for them
        Assert.Empty(await Lists.KeyListsAsync(AliceId));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
    }

    /// <summary>Signs alice up on fedi.example and names a personal token (data under her data key).</summary>
    private async Task<UserSession> SignUpAsync()
    {
        var session = await UserSession.SignInWithMastodonAsync(Browser, AliceId, "fedi.example");
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", session.Token, new { name = TokenName, expiresInDays = 7 }, HttpStatusCode.Created);
        return session;
    }

    /// <summary>The state a rotation leaves when it stops after the instance took the new title: pending wraps, the next key listed.</summary>
    private async Task<UserKey> StopAfterWritingTheListAsync(Guid userId)
    {
        using var current = await Lists.ListedUserKeyAsync(AliceId);
        var next = UserKey.Generate(current.Version + 1);
        await Stored.StagePendingRotationAsync(userId, current, next);
        await Lists.EditTitleAsync(AliceId, Lists.TitleFor(AliceId, next));
        return next;
    }

    private async Task<List<string>> TokenNamesAsync(string token) =>
        [.. (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];

    private async Task<List<Guid>> SessionIdsAsync(string token)
    {
        var sessions = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/sessions", token, null, HttpStatusCode.OK);
        var tokens = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
        return [.. sessions.EnumerateArray().Concat(tokens.EnumerateArray()).Select(s => s.GetProperty("id").GetGuid())];
    }
}
