using System.Net;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

[Collection(SandboxTests.Name)]
public sealed class SandboxOAuthFlowTests(XSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedData.AliceId;
    private const string Bob = SeedData.BobId;
    private readonly XSandboxClient x = new(sandbox);

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SignIn_CompletesThreeLeggedFlow_AndUsersMeIsTheChosenUser()
    {
        var credentials = await x.SignInAsync(Bob);

        Assert.Matches(XSandboxClient.AccessTokenPattern(), credentials.Token);
        Assert.StartsWith(Bob + "-", credentials.Token, StringComparison.Ordinal);
        var me = await x.GetJsonAsync("/2/users/me", credentials);
        var data = me.GetProperty("data");
        Assert.Equal(Bob, data.GetProperty("id").GetString());
        Assert.Equal("bob", data.GetProperty("username").GetString());
        Assert.Equal("Bob Brooks", data.GetProperty("name").GetString());
        Assert.False(data.TryGetProperty("profile_image_url", out _), "X sends only id, name, username by default");
    }

    [Fact]
    public async Task UsersMe_WithUserFields_AddsProfileImageUrl_ThatServesAnImage()
    {
        var credentials = await x.SignInAsync(Alice);

        var me = await x.GetJsonAsync("/2/users/me?user.fields=profile_image_url,name,username", credentials);

        var avatar = new Uri(me.GetProperty("data").GetProperty("profile_image_url").GetString()!);
        using var response = await sandbox.Client.GetAsync(avatar);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AccessTokenResponse_CarriesUserIdAndScreenName()
    {
        var (token, secret) = await x.RequestTokenAsync();
        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");
        var verifier = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query).Single(p => p.Name == "oauth_verifier").Value;

        using var response = await x.AccessTokenAsync(token, secret, verifier);

        var values = OAuthSignatureBase.ParseQuery(await response.Content.ReadAsStringAsync()).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(["oauth_token", "oauth_token_secret", "user_id", "screen_name"], values.Keys);
        Assert.Equal("alice", values["screen_name"]);
    }

    [Fact]
    public async Task Consent_RedirectsToCallbackWithTokenAndVerifier_KeepingCallbackQuery()
    {
        var (token, _) = await x.RequestTokenAsync("http://127.0.0.1:9/cb?state=abc");

        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var location = consent.Headers.Location!;
        Assert.Equal("/cb", location.AbsolutePath);
        var query = OAuthSignatureBase.ParseQuery(location.Query).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("abc", query["state"]);
        Assert.Equal(token, query["oauth_token"]);
        Assert.False(string.IsNullOrEmpty(query["oauth_verifier"]));
    }

    [Fact]
    public async Task Deny_RedirectsWithDenied_AndTheTokenCannotBeExchanged()
    {
        var (token, secret) = await x.RequestTokenAsync();

        using var consent = await x.SubmitConsentAsync(token, Alice, "deny");

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var query = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query);
        Assert.Equal([new OAuthParameter("denied", token)], query);
        using var exchange = await x.AccessTokenAsync(token, secret, "anything");
        await XSandboxClient.AssertV1ErrorAsync(exchange, HttpStatusCode.Unauthorized, 89);
    }

    [Fact]
    public async Task AccessToken_Refuses_ReusedRequestToken()
    {
        var (token, secret) = await x.RequestTokenAsync();
        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");
        var verifier = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query).Single(p => p.Name == "oauth_verifier").Value;
        using var first = await x.AccessTokenAsync(token, secret, verifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await x.AccessTokenAsync(token, secret, verifier);

        await XSandboxClient.AssertV1ErrorAsync(second, HttpStatusCode.Unauthorized, 89);
    }

    [Fact]
    public async Task AccessToken_Rejects_WrongVerifier_AndBurnsTheRequestToken()
    {
        var (token, secret) = await x.RequestTokenAsync();
        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");
        var verifier = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query).Single(p => p.Name == "oauth_verifier").Value;

        using var wrong = await x.AccessTokenAsync(token, secret, verifier + "x");
        await XSandboxClient.AssertV1ErrorAsync(wrong, HttpStatusCode.Unauthorized, 32);

        using var retry = await x.AccessTokenAsync(token, secret, verifier);
        await XSandboxClient.AssertV1ErrorAsync(retry, HttpStatusCode.Unauthorized, 89);
    }

    [Fact]
    public async Task AccessToken_Rejects_SignatureWithoutRequestTokenSecret()
    {
        var (token, _) = await x.RequestTokenAsync();
        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");
        var verifier = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query).Single(p => p.Name == "oauth_verifier").Value;

        // LinqToTwitter's habit: signing access_token with "cs&" only. Strict by default.
        using var response = await x.AccessTokenAsync(token, string.Empty, verifier);

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.Unauthorized, 32);
    }

    [Fact]
    public async Task AccessToken_Rejects_UnapprovedRequestToken()
    {
        var (token, secret) = await x.RequestTokenAsync();

        using var response = await x.AccessTokenAsync(token, secret, "guess");

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.Unauthorized, 89);
    }

    [Fact]
    public async Task RequestToken_Requires_Callback()
    {
        using var response = await x.SendAsync(HttpMethod.Post, "/oauth/request_token", x.App);

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.BadRequest, 215);
    }

    [Fact]
    public async Task RequestToken_Accepts_OutOfBandCallback_AndConsentShowsPin()
    {
        var (token, _) = await x.RequestTokenAsync("oob");

        using var consent = await x.SubmitConsentAsync(token, Alice, "approve");

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("PIN", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestToken_Rejects_UnknownConsumer()
    {
        using var response = await x.SendAsync(
            HttpMethod.Post, "/oauth/request_token", new OAuthCredentials("someone-else", XSandboxProcess.ConsumerSecret), extra: [new("oauth_callback", XSandboxClient.Callback)]);

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.Unauthorized, 32);
    }

    [Fact]
    public async Task ConsentPage_Rejects_UnknownRequestToken()
    {
        using var response = await sandbox.Client.GetAsync(x.Url("/oauth/authorize?oauth_token=nope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Authenticate_SkipsConsent_ForABrowserThatAlreadyApproved_UnlessForceLogin()
    {
        await x.SignInAsync(Alice);
        var (token, _) = await x.RequestTokenAsync();
        using var remembered = new HttpRequestMessage(HttpMethod.Get, x.Url($"/oauth/authenticate?oauth_token={token}"));
        remembered.Headers.Add("Cookie", "sandbox_user=" + Alice);
        using var forced = new HttpRequestMessage(HttpMethod.Get, x.Url($"/oauth/authenticate?oauth_token={token}&force_login=true"));
        forced.Headers.Add("Cookie", "sandbox_user=" + Alice);

        using var forcedResponse = await sandbox.Client.SendAsync(forced);
        using var rememberedResponse = await sandbox.Client.SendAsync(remembered);

        Assert.Equal(HttpStatusCode.OK, forcedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rememberedResponse.StatusCode);
        Assert.Contains("oauth_verifier=", rememberedResponse.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidateToken_Revokes_TheAccessToken()
    {
        var credentials = await x.SignInAsync(Alice);

        using var invalidate = await x.SendAsync(HttpMethod.Post, "/1.1/oauth/invalidate_token", credentials);
        var json = await XSandboxClient.ReadJsonAsync(invalidate, HttpStatusCode.OK);
        Assert.Equal(credentials.Token, json.GetProperty("access_token").GetString());

        using var v2 = await x.GetAsync("/2/users/me", credentials);
        await XSandboxClient.AssertV2UnauthorizedAsync(v2);
        using var v1 = await x.GetAsync("/1.1/account/verify_credentials.json", credentials);
        await XSandboxClient.AssertV1ErrorAsync(v1, HttpStatusCode.Unauthorized, 89);
    }

    [Fact]
    public async Task ControlRevokeTokens_Revokes_EveryTokenOfThatUserOnly()
    {
        var alice1 = await x.SignInAsync(Alice);
        var alice2 = await x.SignInAsync(Alice);
        var bob = await x.SignInAsync(Bob);

        await x.ControlAsync(HttpMethod.Post, $"/_sandbox/users/{Alice}/revoke-tokens");

        using var first = await x.GetAsync("/2/users/me", alice1);
        using var second = await x.GetAsync("/2/users/me", alice2);
        await XSandboxClient.AssertV2UnauthorizedAsync(first);
        await XSandboxClient.AssertV2UnauthorizedAsync(second);
        await x.GetJsonAsync("/2/users/me", bob);
    }

    [Fact]
    public async Task VerifyCredentials_ReturnsV1User()
    {
        var credentials = await x.SignInAsync(Alice);

        var json = await x.GetJsonAsync("/1.1/account/verify_credentials.json", credentials);

        Assert.Equal(Alice, json.GetProperty("id_str").GetString());
        Assert.Equal("alice", json.GetProperty("screen_name").GetString());
    }
}
