using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// GET /api/keys reads the key list on the provider as it is now, at most once per few minutes per user, instead of
/// showing what the last sign-in saw.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class KeyListCheckTests(SignInServers servers) : KeyStackTest(servers)
{
    [Fact]
    public async Task KeyStatus_ShowsAnEditedList_ThenNotAgainWithinTheWindow_ThenAMissingOne()
    {
        var (token, userId) = await UserSession.SignInAsync(Browser, Alice);
        await EditListAsync("someone tidied this list");

        var edited = await StatusAsync(token);
        Assert.Equal(("edited", "now"), (edited.GetProperty("keyStatus").GetString(), edited.GetProperty("keyListCheck").GetString()));
        Assert.Equal("edited", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());

        await Servers.DeleteKeyListAsync(Alice);
        var soon = await StatusAsync(token);
        Assert.Equal(("edited", "recent"), (soon.GetProperty("keyStatus").GetString(), soon.GetProperty("keyListCheck").GetString()));
        Assert.Equal(edited.GetProperty("keyListCheckedAt").GetDateTimeOffset(), soon.GetProperty("keyListCheckedAt").GetDateTimeOffset());

        await new StoredValues(Servers).AgeKeyListCheckAsync(userId, TimeSpan.FromMinutes(6));
        var later = await StatusAsync(token);
        Assert.Equal(("missing", "now"), (later.GetProperty("keyStatus").GetString(), later.GetProperty("keyListCheck").GetString()));
    }

    [Fact]
    public async Task KeyStatus_WhileTheProviderIsRateLimiting_ShowsTheRecordedStatus()
    {
        var (token, _) = await UserSession.SignInAsync(Browser, Alice);
        await Sandbox.ArmFaultAsync("/2/users", "rate_limit");

        var status = await StatusAsync(token);

        Assert.Equal(("active", "failed"), (status.GetProperty("keyStatus").GetString(), status.GetProperty("keyListCheck").GetString()));
        Assert.True(status.GetProperty("keysAvailable").GetBoolean());
    }

    private Task<JsonElement> StatusAsync(string token) => Browser.ExpectJsonAsync(HttpMethod.Get, "/api/keys", token, null, HttpStatusCode.OK);

    private async Task EditListAsync(string description)
    {
        var list = await Servers.KeyListAsync(Alice) ?? throw new InvalidOperationException("Alice has no key list.");
        using var body = JsonContent.Create(new { description });
        using var response = await Sandbox.Client.PatchAsync(new Uri($"/_sandbox/lists/{list.GetProperty("id").GetString()}", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }
}
