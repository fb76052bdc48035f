using Reasonable.Api.Auth;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>
/// A key list that was deleted, edited or replaced is a state the user is told about, and the recovery code brings
/// it back with every note still readable; nothing is ever silently re-keyed.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class KeyListStateTests(SignInServers servers) : StackTest(servers)
{
    private const string User = SeedData.AliceId;

    [Fact]
    public async Task DeletedList_IsReportedMissing_ThenRestoredWithTheRecoveryCode_AndOldDataOpens()
    {
        var (recoveryCode, tokenName) = await SignUpWithRecoveryAsync();
        await DeleteKeyListAsync();

        var locked = await new Browser(Servers).SignInAsync(User);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK);
        Assert.Equal("missing", me.GetProperty("keyStatus").GetString());
        Assert.False(me.GetProperty("keysAvailable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("handle").ValueKind);
        Assert.Contains("recovery code", me.GetProperty("keyStatusHelp").GetString(), StringComparison.Ordinal);
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/tokens", locked, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");
        Assert.Null(await KeyListAsync());

        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = recoveryCode.ToLowerInvariant() }, HttpStatusCode.OK);
        var token = restored.GetProperty("token").GetString()!;

        Assert.NotNull(await KeyListAsync());
        var after = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        Assert.Equal("active", after.GetProperty("keyStatus").GetString());
        Assert.Equal("alice", after.GetProperty("handle").GetString());
        var tokens = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK);
        Assert.Contains(tokens.EnumerateArray(), t => t.GetProperty("name").GetString() == tokenName);
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.Unauthorized);
        var signedInAgain = await new Browser(Servers).SignInAsync(User);
        Assert.True((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", signedInAgain, null, HttpStatusCode.OK)).GetProperty("keysAvailable").GetBoolean());
    }

    [Fact]
    public async Task EditedDescription_IsReportedEdited_AndRestoreRewritesTheSameList()
    {
        var (recoveryCode, _) = await SignUpWithRecoveryAsync();
        var list = (await KeyListAsync())!.Value;
        await EditKeyListAsync(list.GetProperty("id").GetString()!, "my blocklist notes");

        var locked = await new Browser(Servers).SignInAsync(User);

        Assert.Equal("edited", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode }, HttpStatusCode.OK);
        var repaired = (await KeyListAsync())!.Value;
        Assert.Equal(list.GetProperty("id").GetString(), repaired.GetProperty("id").GetString());
        Assert.NotNull(KeyListText.TryReadWrappedKey(repaired.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task ForeignKeyInTheList_IsReportedUndecryptable_NotReplaced()
    {
        await SignUpWithRecoveryAsync();
        var list = (await KeyListAsync())!.Value;
        var foreign = KeyListText.Format(new Uri("http://localhost/key-list"), UserKey.Generate(1).Wrap(new MasterKeyRing([MasterKey.Generate()]), "x", null, User), 100);
        await EditKeyListAsync(list.GetProperty("id").GetString()!, foreign);

        var locked = await new Browser(Servers).SignInAsync(User);

        Assert.Equal("undecryptable", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
        Assert.Equal(foreign, (await KeyListAsync())!.Value.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Restore_WithAWrongCode_IsA400_AndChangesNothing()
    {
        await SignUpWithRecoveryAsync();
        await DeleteKeyListAsync();
        var locked = await new Browser(Servers).SignInAsync(User);

        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = RecoveryCode.Generate() }, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty("recoveryCode", out _));
        Assert.Null(await KeyListAsync());
        Assert.Equal("missing", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
    }

    [Fact]
    public async Task Restore_WithoutARecoveryCodeSetUp_IsAConflictThatSaysSo()
    {
        var token = await Browser.SignInAsync(SeedData.BobId);
        await Servers.DeleteKeyListAsync(SeedData.BobId);
        var locked = await new Browser(Servers).SignInAsync(SeedData.BobId);

        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = RecoveryCode.Generate() }, HttpStatusCode.Conflict, "/problems/no-recovery-code");
        Assert.Null(await KeyListAsync(SeedData.BobId));
        await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task RecoveryCode_WhenXRevokedTheApp_IsAConflictThatSaysToSignInAgain()
    {
        var token = await Browser.SignInAsync(SeedData.CarolId);
        (await Servers.Sandbox.Client.PostAsync(new Uri($"/_sandbox/users/{SeedData.CarolId}/revoke-tokens", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.Conflict, "/problems/provider-access-revoked");

        Assert.Contains("Sign in with X again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        Assert.False(me.GetProperty("recoveryConfigured").GetBoolean());
    }

    [Fact]
    public async Task RecoveryCode_WhenXIsRateLimiting_IsA503WithWhenToRetry()
    {
        var token = await Browser.SignInAsync(SeedData.CarolId);
        using var fault = JsonContent.Create(new { path_prefix = "/2/users", kind = "rate_limit", reset_seconds = 300 });
        (await Servers.Sandbox.Client.PostAsync(new Uri("/_sandbox/faults", UriKind.Relative), fault)).EnsureSuccessStatusCode();

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.ServiceUnavailable, "/problems/provider-rate-limited");

        var retryAt = problem.GetProperty("retryAt").GetDateTimeOffset();
        Assert.InRange(retryAt, DateTimeOffset.UtcNow.AddSeconds(240), DateTimeOffset.UtcNow.AddSeconds(360));
    }

    /// <summary>Signs alice up, takes a recovery code, and names a personal token (data under her data key).</summary>
    private async Task<(string RecoveryCode, string TokenName)> SignUpWithRecoveryAsync()
    {
        var token = await Browser.SignInAsync(User);
        var recovery = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK);
        var code = recovery.GetProperty("recoveryCode").GetString()!;
        Assert.Matches("^([A-Z0-9]{4}-){6}[A-Z0-9]{4}$", code);
        Assert.True((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("recoveryConfigured").GetBoolean());
        var name = $"notes exporter {Guid.NewGuid():N}";
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name, expiresInDays = 30 }, HttpStatusCode.Created);
        return (code, name);
    }

    private Task DeleteKeyListAsync() => Servers.DeleteKeyListAsync(User);

    private async Task EditKeyListAsync(string listId, string description)
    {
        using var body = JsonContent.Create(new { description });
        (await Servers.Sandbox.Client.PatchAsync(new Uri($"/_sandbox/lists/{listId}", UriKind.Relative), body)).EnsureSuccessStatusCode();
    }

    private Task<JsonElement?> KeyListAsync(string user = User) => Servers.KeyListAsync(user);
}
