using System.Net;
using Dapper;
using Npgsql;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>Signing in with Mastodon on any instance, through the real API, the Mastodon sandbox and PostgreSQL.</summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonSignInTests(SignInServers servers) : StackTest(servers)
{
    private const string Alice = "109000000000000001";
    private const string Carol = "109001000000000001";

    [Fact]
    public async Task SignIn_OnFediExample_CreatesTheKeyListAndAnswersMe()
    {
        var token = await Browser.SignInWithMastodonAsync(Alice);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        Assert.Equal("mastodon", me.GetProperty("provider").GetString());
        Assert.Equal("alice@fedi.example", me.GetProperty("handle").GetString());
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        var list = Assert.Single(await new MastodonKeyList(Servers).KeyListsAsync(Alice));
        Assert.StartsWith("Reasonable key (pls keep) Don't change! ➡️ ", list.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OnSocialExample_IsAnotherUserThanTheSameIdOnFedi()
    {
        var carol = await Browser.SignInWithMastodonAsync(Carol, MastodonSandboxProcess.SocialDomain);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", carol, null, HttpStatusCode.OK);
        Assert.Equal("carol@social.example", me.GetProperty("handle").GetString());
        Assert.Single(await new MastodonKeyList(Servers).KeyListsAsync(Carol));
    }

    [Fact]
    public async Task SecondSignIn_ReusesTheKeyListAndTheAppRegistration()
    {
        var first = await Browser.SignInWithMastodonAsync(Alice);
        var firstMe = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", first, null, HttpStatusCode.OK);

        using var later = new Browser(Servers);
        var second = await later.SignInWithMastodonAsync(Alice);

        var secondMe = await later.ExpectJsonAsync(HttpMethod.Get, "/api/me", second, null, HttpStatusCode.OK);
        Assert.Equal(firstMe.GetProperty("id").GetString(), secondMe.GetProperty("id").GetString());
        Assert.True(secondMe.GetProperty("keysAvailable").GetBoolean());
        Assert.Single(await new MastodonKeyList(Servers).KeyListsAsync(Alice));
        var state = await Servers.Mastodon.ControlAsync(Servers.Mastodon.Fedi, HttpMethod.Get, "/_sandbox/state");
        Assert.Equal(1, state.GetProperty("apps").GetInt32());
    }

    [Fact]
    public async Task Deny_StoresNothing_AndSaysSoOnAPage()
    {
        var callback = await Browser.MastodonConsentAsync(await Browser.StartMastodonSignInAsync(), Alice, "deny");

        using var response = await Browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You chose not to let Reasonable use your Mastodon account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("select count(*) from users"));
    }

    [Fact]
    public async Task Callback_WithAnotherState_IsRefused()
    {
        var callback = await Browser.MastodonConsentAsync(await Browser.StartMastodonSignInAsync(), Alice);
        var forged = new Uri(callback.AbsoluteUri.Replace("state=", "state=x", StringComparison.Ordinal));

        using var response = await Browser.GetAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("select count(*) from users"));
    }

    [Fact]
    public async Task Callback_InAnotherBrowser_IsRefused()
    {
        var callback = await Browser.MastodonConsentAsync(await Browser.StartMastodonSignInAsync(), Alice);
        using var other = new Browser(Servers);

        using var response = await other.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another browser", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Type the name of your server")]
    [InlineData("127.0.0.1", "not its address")]
    [InlineData("[::1]", "not its address")]
    [InlineData("fedi.example:8080", "without a port")]
    [InlineData("https://fedi.example/@alice", "no path")]
    [InlineData("me:pw@fedi.example", "no path, user name")]
    [InlineData("localhost", "needs a dot")]
    [InlineData("fedi .example", "no path, user name or spaces")]
    public async Task Login_RefusesWhatIsNotAServerName_WithAPage(string instance, string said)
    {
        using var response = await Browser.GetAsync(new Uri(Servers.Api.BaseAddress, "/api/auth/mastodon/login?instance=" + Uri.EscapeDataString(instance)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(said, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@alice@fedi.example")]
    [InlineData("alice@FEDI.example")]
    [InlineData("https://fedi.example/")]
    [InlineData("FEDI.EXAMPLE.")]
    public async Task Login_TakesAHandleOrAUrl_ForTheServer(string instance)
    {
        var authorize = await Browser.StartMastodonSignInAsync(instance);

        Assert.Equal(Servers.Mastodon.Fedi.GetLeftPart(UriPartial.Authority), authorize.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task Login_AtAnUnknownServer_IsAClearPage_NotA500()
    {
        using var response = await Browser.GetAsync(new Uri(Servers.Api.BaseAddress, "/api/auth/mastodon/login?instance=nowhere.invalid"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Mastodon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AtADownServer_IsAClearPage()
    {
        await Servers.Mastodon.ControlAsync(Servers.Mastodon.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/", kind = "server_error", count = 20 });

        using var response = await Browser.GetAsync(new Uri(Servers.Api.BaseAddress, "/api/auth/mastodon/login?instance=fedi.example"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not answering", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_ListsMastodonWithItsActions()
    {
        var providers = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/providers", null, null, HttpStatusCode.OK);

        var mastodon = providers.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "mastodon");
        Assert.True(mastodon.GetProperty("needsInstance").GetBoolean());
        Assert.Equal(["block", "unblock", "mute", "unmute", "follow", "unfollow"], mastodon.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var x = providers.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "x");
        Assert.False(x.GetProperty("needsInstance").GetBoolean());
        Assert.Empty(x.GetProperty("actions").EnumerateArray());
        Assert.Contains("Enterprise", x.GetProperty("actionsNote").GetString(), StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        return await connection.ExecuteScalarAsync<int>(sql);
    }
}
