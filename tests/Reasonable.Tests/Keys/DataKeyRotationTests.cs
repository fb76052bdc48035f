using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Keys;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// POST /api/keys/rotate-data-key against the real API, sandbox X and PostgreSQL: new writes use the next data key,
/// every value of the user is rewritten under it in the background, sessions keep working, and nothing is lost.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class DataKeyRotationTests(SignInServers servers) : KeyStackTest(servers)
{
    private StoredValues Values => new(Servers);

    [Fact]
    public async Task Rotation_RewritesEveryValueUnderTheNewKey_AndRetiresTheOld()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var personal = await CreateTokenAsync(token, "before the data key changed");
        var account = await Notes.AddAccountAsync(token);
        await Notes.WriteReasonAsync(token, account, "written under data key 1");
        var sync = new Sync.SyncDriver(Servers, Browser, token);
        await sync.StartAsync();
        await sync.WaitUntilSettledAsync();
        await Values.AssertAllUnderAsync(userId, 1);

        var started = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
        Assert.Equal((1, 2), (started.GetProperty("fromVersion").GetInt32(), started.GetProperty("toVersion").GetInt32()));
        var finished = await WaitUntilRotatedAsync(token);

        Assert.Equal(0, finished.GetProperty("unreadable").GetInt64());
        Assert.True(finished.GetProperty("rewritten").GetInt64() >= finished.GetProperty("total").GetInt64(), $"every value counted: {finished}");
        await Values.AssertAllUnderAsync(userId, 2, "users.handle_ciphertext", "users.sync_secret_key_ciphertext", "sessions.name_ciphertext", "accounts.data_ciphertext", "reasons.content_ciphertext");
        Assert.Equal([(1, true), (2, false)], await Values.DataKeysAsync(userId));
        Assert.Equal(["written under data key 1"], await Notes.ReasonTextsAsync(token, account));
        Assert.Equal(["before the data key changed"], await TokenNamesAsync(personal));
        Assert.Equal("alice", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
        var signedInAgain = await new Browser(Servers).SignInAsync(Alice);
        Assert.Equal(["written under data key 1"], await Notes.ReasonTextsAsync(signedInAgain, account));
        Assert.Equal(2, (await KeyStatusAsync(signedInAgain)).GetProperty("dataKeyVersion").GetInt32());
    }

    [Fact]
    public async Task SessionsFromBeforeTheRotation_ReadAndWriteUnderTheNewKey_WithoutSigningInAgain()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var personal = await CreateTokenAsync(token, "made before");
        var account = await Notes.AddAccountAsync(token);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", personal, null, HttpStatusCode.Accepted);
        await WaitUntilRotatedAsync(token);

        await Notes.WriteReasonAsync(token, account, "by the browser session");
        await Notes.WriteReasonAsync(personal, account, "by the personal token");
        await CreateTokenAsync(token, "made after");
        await Values.AssertAllUnderAsync(userId, 2);
        Assert.Equal(["by the browser session", "by the personal token"], await Notes.ReasonTextsAsync(token, account));
        Assert.Equal(["made after", "made before"], await TokenNamesAsync(token));

        // A user-key rotation afterwards re-wraps the new data key too: signing in again opens everything.
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);
        var signedInAgain = await new Browser(Servers).SignInAsync(Alice);
        Assert.Equal(["by the browser session", "by the personal token"], await Notes.ReasonTextsAsync(signedInAgain, account));
    }

    [Fact]
    public async Task ATokenWithoutAnInbox_MustSignInAgain_OnceTheDataKeyRotated()
    {
        var (token, _) = await UserSession.SignInAsync(Browser, Alice);
        var legacy = await WithoutInboxAsync(token);
        await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", legacy, null, HttpStatusCode.OK);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);

        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/tokens", legacy, null, HttpStatusCode.Unauthorized);
        await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConcurrentEdits_DuringReencryption_AreNotLost()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var account = await Notes.AddAccountAsync(token);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await Browser.ExpectJsonAsync(
                HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "block", text = $"first {i:00}", tags = Array.Empty<string>() }, HttpStatusCode.Created))
                .GetProperty("id").GetGuid());
        }

        var rotation = Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
        var edits = ids.Select((id, i) => Browser.ExpectJsonAsync(
            HttpMethod.Put, $"/api/reasons/{id}", token, new { action = "block", text = $"edited {i:00}", tags = Array.Empty<string>(), version = 1 }, HttpStatusCode.OK));
        await Task.WhenAll(edits.Append(rotation));
        await WaitUntilRotatedAsync(token);

        Assert.Equal(ids.Select((_, i) => $"edited {i:00}"), await Notes.ReasonTextsAsync(token, account));
        await Values.AssertAllUnderAsync(userId, 2);
    }

    [Fact]
    public async Task Rewrite_LeavesAValueAlone_WhenAnEditReplacedItSinceItWasRead()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var account = await Notes.AddAccountAsync(token);
        var reason = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "block", text = "read by the rewrite", tags = Array.Empty<string>() }, HttpStatusCode.Created);
        var id = reason.GetProperty("id").GetGuid();
        var read = await Values.ReasonCiphertextAsync(id);
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", token, new { action = "block", text = "edited meanwhile", tags = Array.Empty<string>(), version = 1 }, HttpStatusCode.OK);
        var edited = await Values.ReasonCiphertextAsync(id);
        await using var dataSource = NpgsqlDataSource.Create(Servers.ConnectionString);
        DapperSetup.Apply();

        var rewritten = await new DataKeyRotationRepository(dataSource).RewriteAsync(
            ReencryptedColumn.All.Single(column => column.Table == "reasons"), userId, id, read, read, CancellationToken.None);

        Assert.False(rewritten, "a rewrite based on a stale read must not replace the edit");
        Assert.Equal(edited.ToArray(), (await Values.ReasonCiphertextAsync(id)).ToArray());
        Assert.Equal(["edited meanwhile"], await Notes.ReasonTextsAsync(token, account));
    }

    [Fact]
    public async Task ARestartMidway_ResumesWithTheUsersNextRequest()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var account = await Notes.AddAccountAsync(token);
        foreach (var text in new[] { "one", "two", "three" })
        {
            await Notes.WriteReasonAsync(token, account, text);
        }

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
        await WaitUntilRotatedAsync(token);
        using (var both = UserKeys.FromToken(Servers.MasterKeys, await new Browser(Servers).SignInAsync(Alice)))
        {
            await Values.UndoReasonsAsync(userId, both, 1);
        }

        await Servers.RestartApiAsync();
        Assert.False(await Values.RotationFinishedAsync(userId), "nothing may resume without the user's keys");
        Assert.Contains((await Values.KeyIdsAsync(userId)).Where(value => value.Column == "reasons.content_ciphertext"), value => value.KeyId == 1);

        await WaitUntilRotatedAsync(token);

        await Values.AssertAllUnderAsync(userId, 2, "reasons.content_ciphertext");
        Assert.Equal(["one", "three", "two"], await Notes.ReasonTextsAsync(token, account));
    }

    [Fact]
    public async Task ASecondRotation_WhileOneRuns_IsRefusedWith409()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
        await WaitUntilRotatedAsync(token);
        await Values.StageStuckRotationAsync(userId);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Conflict, "/problems/data-key-rotation-running");

        Assert.Contains("GET /api/keys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([(1, true), (2, false)], await Values.DataKeysAsync(userId));
    }

    [Fact]
    public async Task AnotherUsersValues_AreUntouched()
    {
        var (alice, aliceId) = await UserSession.SignInAsync(Browser, Alice);
        using var bobsBrowser = new Browser(Servers);
        var (bob, bobId) = await UserSession.SignInAsync(bobsBrowser, SeedData.BobId);
        var bobsAccount = await new Notes(bobsBrowser).AddAccountAsync(bob);
        await new Notes(bobsBrowser).WriteReasonAsync(bob, bobsAccount, "bob's own note");
        var bobsBefore = await Values.KeyIdsAsync(bobId);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", alice, null, HttpStatusCode.Accepted);
        await WaitUntilRotatedAsync(alice);

        Assert.Equal(bobsBefore, await Values.KeyIdsAsync(bobId));
        Assert.Equal([(1, false)], await Values.DataKeysAsync(bobId));
        Assert.Equal(["bob's own note"], await new Notes(bobsBrowser).ReasonTextsAsync(bob, bobsAccount));
        Assert.Equal(JsonValueKind.Null, (await KeyStatusAsync(bob)).GetProperty("dataKeyRotation").ValueKind);
        Assert.NotEqual(aliceId, bobId);
    }

    [Fact]
    public async Task TamperedValues_StayUnreadable_AndValuesPlantedUnderTheRetiredKeyFailClosed()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        var account = await Notes.AddAccountAsync(token);
        var tampered = await ReasonIdAsync(token, account, "tampered with");
        var planted = await ReasonIdAsync(token, account, "replaced later");
        await Values.TamperReasonAsync(tampered);

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
        var finished = await WaitUntilRotatedAsync(token);
        Assert.Equal(1, finished.GetProperty("unreadable").GetInt64());
        using (var both = UserKeys.FromToken(Servers.MasterKeys, await new Browser(Servers).SignInAsync(Alice)))
        {
            var location = ReencryptedColumn.All.Single(column => column.Table == "reasons").Location(planted);
            var content = both.Decrypt(location, await Values.ReasonCiphertextAsync(planted));
            await Values.PlantReasonAsync(userId, planted, both, 1, content);
        }

        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{tampered}", token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
        await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/reasons/{planted}", token, null, HttpStatusCode.Conflict, "/problems/stored-data-unreadable");
        Assert.Equal(1u, (await Values.ReasonCiphertextAsync(tampered)).KeyId);
    }

    [Fact]
    public async Task RotateDataKey_WithoutAToken_Is401()
    {
        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/keys/rotate-data-key", null, null, HttpStatusCode.Unauthorized);
    }

    private async Task<JsonElement> KeyStatusAsync(string token) =>
        await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/keys", token, null, HttpStatusCode.OK);

    private Task<JsonElement> WaitUntilRotatedAsync(string token) => DataKeyRotationStatus.WaitUntilFinishedAsync(Browser, token);

    private async Task<Guid> ReasonIdAsync(string token, Guid account, string text) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "block", text, tags = Array.Empty<string>() }, HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    /// <summary>The same session's token as one made before sessions had inboxes: its keys without the inbox entry.</summary>
    private async Task<string> WithoutInboxAsync(string token)
    {
        var jwt = new JsonWebToken(token);
        var (userId, sessionId) = (Guid.Parse(jwt.Subject), Guid.Parse(jwt.GetClaim(SessionClaims.SessionId).Value));
        var keys = SessionKeys.Unwrap(Servers.MasterKeys, sessionId, userId, jwt.GetClaim(SessionClaims.Keys).Value);
        await using var dataSource = NpgsqlDataSource.Create(Servers.ConnectionString);
        DapperSetup.Apply();
        var session = await new SessionRepository(dataSource).FindAsync(sessionId, CancellationToken.None) ?? throw new InvalidOperationException("no session row");
        return new SessionTokens(Servers.MasterKeys).Issue(session, SessionKeys.Wrap(Servers.MasterKeys, sessionId, userId, [.. keys]));
    }

    private async Task<string> CreateTokenAsync(string token, string name) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name, expiresInDays = 7 }, HttpStatusCode.Created)).GetProperty("token").GetString()!;

    private async Task<List<string>> TokenNamesAsync(string token) =>
        [.. (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
}
