using System.Net;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Accounts by id and handle, relationships with the caller's own notes, writing notes, and hostile display names.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonAccountsTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task VerifyCredentials_HasNoDomainInAcct_AndUrlsOnTheInstance()
    {
        var me = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", AliceToken);

        Assert.Equal(Alice, me.GetProperty("id").GetString());
        Assert.Equal("alice", me.GetProperty("acct").GetString());
        Assert.Equal(new Uri(Sandbox.Fedi, "/@alice").ToString(), me.GetProperty("url").GetString());
        Assert.Equal("Blocks liberally, explains herself.", me.GetProperty("source").GetProperty("note").GetString());
        using var avatar = await Mastodon.GetAsync(Sandbox.Fedi, new Uri(me.GetProperty("avatar").GetString()!).PathAndQuery, null);
        Assert.Equal("image/svg+xml", avatar.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("@alice", "alice")]
    [InlineData("carol@social.example", "carol@social.example")]
    [InlineData("user000007@social.example", "user000007@social.example")]
    [InlineData("ALICE@fedi.example", "alice")]
    public async Task Lookup_FindsLocalAndRemoteAccounts(string acct, string expected)
    {
        var account = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/lookup?acct={Uri.EscapeDataString(acct)}", null);

        Assert.Equal(expected, account.GetProperty("acct").GetString());
    }

    [Theory]
    [InlineData("/api/v1/accounts/lookup?acct=nobody")]
    [InlineData("/api/v1/accounts/lookup?acct=alice@unknown.example")]
    [InlineData("/api/v1/accounts/99")]
    public async Task UnknownAccounts_AreRecordNotFound(string path)
    {
        using var response = await Mastodon.GetAsync(Sandbox.Fedi, path, AliceToken);

        Assert.Equal("{\"error\":\"Record not found\"}", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.NotFound)).GetRawText());
    }

    [Fact]
    public async Task Relationships_CarryTheCallersOwnNotesOnly()
    {
        var bob = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.BobId);
        var path = $"/api/v1/accounts/relationships?id[]={SeedAccounts.CarolId}&id[]={SeedAccounts.DaveId}&id[]=42";

        var mine = await Mastodon.GetJsonAsync(Sandbox.Fedi, path, AliceToken);
        var his = await Mastodon.GetJsonAsync(Sandbox.Fedi, path, bob);

        Assert.Equal(2, mine.GetArrayLength());
        Assert.Equal("Harassed me in the March thread.", mine[0].GetProperty("note").GetString());
        Assert.True(mine[0].GetProperty("blocking").GetBoolean());
        Assert.True(mine[1].GetProperty("muting").GetBoolean());
        Assert.Equal(string.Empty, his[0].GetProperty("note").GetString());
        Assert.Equal("Loud.", his[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Note_IsStored_ReadBack_AndDeletedWhenEmpty()
    {
        using var set = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.RtlId}/note", AliceToken, ("comment", "ciphertext ✓"));
        var stored = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/notes");
        using var cleared = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.RtlId}/note", AliceToken);
        var after = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/notes");

        Assert.Equal("ciphertext ✓", (await MastodonSandboxClient.ReadJsonAsync(set, HttpStatusCode.OK)).GetProperty("note").GetString());
        Assert.Equal("ciphertext ✓", stored.GetProperty(SeedAccounts.RtlId).GetString());
        Assert.Equal(string.Empty, (await MastodonSandboxClient.ReadJsonAsync(cleared, HttpStatusCode.OK)).GetProperty("note").GetString());
        Assert.False(after.TryGetProperty(SeedAccounts.RtlId, out _));
    }

    [Fact]
    public async Task Note_IsLimitedTo2000Characters()
    {
        var longest = string.Concat(Enumerable.Repeat("😀", 2000));
        using var fits = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}/note", AliceToken, ("comment", longest));
        using var tooLong = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}/note", AliceToken, ("comment", longest + "!"));

        await MastodonSandboxClient.ReadJsonAsync(fits, HttpStatusCode.OK);
        await MastodonSandboxClient.ReadJsonAsync(tooLong, (HttpStatusCode)422);
    }

    [Theory]
    [InlineData(SeedAccounts.ScripterId)]
    [InlineData(SeedAccounts.RtlId)]
    [InlineData(SeedAccounts.RainbowId)]
    [InlineData(SeedAccounts.LongNameId)]
    public async Task HostileDisplayNames_AreServedAsEscapedJsonData(string id)
    {
        using var response = await Mastodon.GetAsync(Sandbox.Fedi, $"/api/v1/accounts/{id}", null);
        var raw = await response.Content.ReadAsStringAsync();
        var account = await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.DoesNotContain("<", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(">", raw, StringComparison.Ordinal);
        var expected = id switch
        {
            SeedAccounts.ScripterId => SeedAccounts.ScripterDisplayName,
            SeedAccounts.RtlId => SeedAccounts.RtlDisplayName,
            SeedAccounts.RainbowId => SeedAccounts.RainbowDisplayName,
            _ => SeedAccounts.LongDisplayName,
        };
        Assert.Equal(expected, account.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Note_OfAHostileAccount_IsEscapedHtml()
    {
        var account = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.ScripterId}", null);

        Assert.Equal("<p>&lt;img src=x onerror=alert(1)&gt; is my bio.</p>", account.GetProperty("note").GetString());
    }

    [Fact]
    public async Task MovedAccount_CarriesItsNewAccount_AndTheControlCanClearIt()
    {
        var moved = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.OldHandleId}", null);
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Patch, $"/_sandbox/accounts/{SeedAccounts.OldHandleId}", new { moved_to_id = string.Empty });
        var cleared = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.OldHandleId}", null);

        Assert.Equal(SeedAccounts.NewHandleId, moved.GetProperty("moved").GetProperty("id").GetString());
        Assert.False(cleared.TryGetProperty("moved", out _));
    }
}
