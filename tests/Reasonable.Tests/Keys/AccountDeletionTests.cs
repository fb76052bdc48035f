using Reasonable.Api.Providers;
using System.Net;
using Reasonable.Crypto;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// DELETE /api/me: the key list goes from X, the app's X access is given back, and every row of the user goes from
/// the database, or, when X cannot be reached, nothing at all happens and the user can try again.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class AccountDeletionTests(SignInServers servers) : KeyStackTest(servers)
{
    private static readonly object Confirmed = new { confirm = "delete my account" };

    [Fact]
    public async Task Delete_RemovesTheKeyList_RevokesXAccess_AndEveryRowOfTheUser()
    {
        var (token, userId) = await SignInAsync();
        var personal = (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "exporter", expiresInDays = 7 }, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK);
        await Notes.WriteReasonAsync(token, await Notes.AddAccountAsync(token), "blocked for spam");
        var sessionIds = await SessionIdsAsync(token);
        Assert.Superset(
            new HashSet<string> { "accounts: 1", "reasons: 1", "sessions: 2", "user_data_keys: 1", "users: 1" },
            (await Stored.RowsOfUserAsync(userId, sessionIds)).ToHashSet());
        var capturedWraps = await Stored.DataKeyRowsAsync(userId);

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.True(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.False(deleted.GetProperty("keyListLeftOnProvider").GetBoolean());
        Assert.True(deleted.GetProperty("providerAccessRevoked").GetBoolean());
        Assert.Null(await Servers.KeyListAsync(Alice));
        Assert.Equal(0, await Sandbox.RevokeTokensAsync(Alice));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.Unauthorized);

        // Signing in again starts afresh: a new user, a new key list, and its key opens none of the old wraps.
        var (fresh, freshId) = await UserSession.SignInAsync(new Browser(Servers), Alice);
        Assert.NotEqual(userId, freshId);
        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", fresh, null, HttpStatusCode.OK);
        Assert.True(me.GetProperty("keysAvailable").GetBoolean());
        Assert.False(me.GetProperty("recoveryConfigured").GetBoolean());
        Assert.Empty((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", fresh, null, HttpStatusCode.OK)).EnumerateArray());
        using var newKey = await Stored.ListedUserKeyAsync(Alice);
        var (version, wrapped, _) = Assert.Single(capturedWraps);
        Assert.Throws<CiphertextException>(() => DataKey.Unwrap(newKey, userId, (uint)version, wrapped));
    }

    public static TheoryData<string, string?> WrongConfirmations => new()
    {
        { "no body", null },
        { "an empty object", "{}" },
        { "a null confirmation", """{"confirm":null}""" },
        { "yes", """{"confirm":"yes"}""" },
        { "the handle", """{"confirm":"alice"}""" },
        { "another case", """{"confirm":"Delete My Account"}""" },
        { "an unknown field", """{"confirm":"delete my account","force":true}""" },
        { "not JSON", "delete my account" },
    };

    [Theory]
    [MemberData(nameof(WrongConfirmations))]
    public async Task Delete_WithoutTheConfirmation_Is400_AndDeletesNothing(string why, string? body)
    {
        var (token, userId) = await SignInAsync();
        var description = await Stored.ListDescriptionAsync(Alice);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", token, body, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("detail").GetString()!.Length > 0, why);
        Assert.Equal(description, await Stored.ListDescriptionAsync(Alice));
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal("alice", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Delete_WithoutTheConfirmation_SaysWhatToSend()
    {
        var (token, _) = await SignInAsync();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.Contains("\"confirm\": \"delete my account\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("confirm", out _));
    }

    [Theory]
    [InlineData("server_error", "/problems/provider-unavailable")]
    [InlineData("rate_limit", "/problems/provider-rate-limited")]
    public async Task Delete_WhenXCannotBeReached_Is503_DeletesNothing_AndCanBeRetried(string fault, string problemType)
    {
        var (token, userId) = await SignInAsync();
        var description = await Stored.ListDescriptionAsync(Alice);
        await Sandbox.ArmFaultAsync("/2/users", fault);

        await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.ServiceUnavailable, problemType);

        Assert.Equal(description, await Stored.ListDescriptionAsync(Alice));
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Equal("alice", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
        await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);
        Assert.Null(await Servers.KeyListAsync(Alice));
    }

    [Fact]
    public async Task Delete_WhenTheListDeletionFails_Is503_AndDeletesNothing()
    {
        var (token, userId) = await SignInAsync();
        await Sandbox.ArmFaultAsync("/2/lists", "server_error");

        await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.ServiceUnavailable, "/problems/provider-unavailable");

        Assert.NotNull(await Servers.KeyListAsync(Alice));
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
    }

    [Fact]
    public async Task Delete_WhenXRevokedTheApp_DeletesTheRowsAnyway_AndSaysTheListIsLeft()
    {
        var (token, userId) = await SignInAsync();
        var sessionIds = await SessionIdsAsync(token);
        await Sandbox.RevokeTokensAsync(Alice);

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.False(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.True(deleted.GetProperty("keyListLeftOnProvider").GetBoolean());
        Assert.Contains(KeyListName.Value, deleted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await Servers.KeyListAsync(Alice));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Delete_WhenRevokingXAccessFails_StillDeletes_AndSaysSo()
    {
        var (token, userId) = await SignInAsync();
        var sessionIds = await SessionIdsAsync(token);
        await Sandbox.ArmFaultAsync("/1.1/oauth/invalidate_token", "server_error");

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, Confirmed, HttpStatusCode.OK);

        Assert.True(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.False(deleted.GetProperty("providerAccessRevoked").GetBoolean());
        Assert.Contains("in your X settings", deleted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await Servers.KeyListAsync(Alice));
        Assert.Empty(await Stored.RowsOfUserAsync(userId, sessionIds));
    }

    [Fact]
    public async Task Delete_WithoutKeys_Works_AndTheNextSignInStartsAFreshUser()
    {
        var (_, userId) = await SignInAsync();
        var oldListId = (await Servers.KeyListAsync(Alice))!.Value.GetProperty("id").GetString();
        await Servers.DeleteKeyListAsync(Alice);
        var locked = await new Browser(Servers).SignInAsync(Alice);
        Assert.False((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keysAvailable").GetBoolean());

        var deleted = await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", locked, Confirmed, HttpStatusCode.OK);

        Assert.False(deleted.GetProperty("keyListDeleted").GetBoolean());
        Assert.False(deleted.GetProperty("keyListLeftOnProvider").GetBoolean());
        Assert.Empty(await Stored.RowsOfUserAsync(userId, []));
        var (fresh, freshId) = await UserSession.SignInAsync(new Browser(Servers), Alice);
        Assert.NotEqual(userId, freshId);
        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", fresh, null, HttpStatusCode.OK);
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal("alice", me.GetProperty("handle").GetString());
        Assert.NotEqual(oldListId, (await Servers.KeyListAsync(Alice))!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Delete_WithoutAToken_Is401()
    {
        await Browser.ExpectProblemAsync(HttpMethod.Delete, "/api/me", null, Confirmed, HttpStatusCode.Unauthorized);
    }

    private Task<UserSession> SignInAsync() => UserSession.SignInAsync(Browser, Alice);

    private async Task<List<Guid>> SessionIdsAsync(string token)
    {
        var sessions = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/sessions", token, null, HttpStatusCode.OK);
        var tokens = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
        return [.. sessions.EnumerateArray().Concat(tokens.EnumerateArray()).Select(s => s.GetProperty("id").GetGuid())];
    }
}
