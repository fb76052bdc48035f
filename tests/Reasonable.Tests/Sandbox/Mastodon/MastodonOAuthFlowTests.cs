using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>App registration and the OAuth 2 flow: consent form, code exchange (with and without PKCE), revocation.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonOAuthFlowTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task Sandbox_AnswersAsItsOwnInstance_OnEveryPort()
    {
        // How fast it starts is for the benchmark, never a test: a loaded machine would fail it.
        Assert.Contains($"fedi.example → {Sandbox.Fedi.ToString().TrimEnd('/')}", Sandbox.Output, StringComparison.Ordinal);
        Assert.Contains($"social.example → {Sandbox.Social.ToString().TrimEnd('/')}", Sandbox.Output, StringComparison.Ordinal);
        var instance = await Mastodon.GetJsonAsync(Sandbox.Social, "/api/v2/instance", null);
        Assert.Equal("social.example", instance.GetProperty("domain").GetString());
    }

    [Fact]
    public async Task FullFlow_WithPkce_GivesATokenForTheChosenUser()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var verifier = MastodonSandboxClient.NewVerifier();
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, SeedAccounts.BobId, challenge: MastodonSandboxClient.Challenge(verifier));

        using var response = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, verifier);
        var token = await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(MastodonSandboxClient.AllScopes, token.GetProperty("scope").GetString());
        var me = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", token.GetProperty("access_token").GetString());
        Assert.Equal("bob", me.GetProperty("acct").GetString());
    }

    [Fact]
    public async Task FullFlow_WithoutPkce_AndHttpBasicClientAuth_Works()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Sandbox.Fedi, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "authorization_code"), KeyValuePair.Create("code", code), KeyValuePair.Create("redirect_uri", MastodonSandboxClient.RedirectUri)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}")));

        using var response = await Sandbox.Client.SendAsync(request);

        await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task PkceMismatch_IsInvalidGrant_AndAMissingVerifierInvalidRequest()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice, challenge: MastodonSandboxClient.Challenge("the-right-verifier-the-right-verifier-12345"));

        using var wrong = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, "another-verifier-another-verifier-another-1");
        using var missing = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);
        using var right = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, "the-right-verifier-the-right-verifier-12345");

        Assert.Equal("invalid_grant", (await MastodonSandboxClient.ReadJsonAsync(wrong, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Equal("invalid_request", (await MastodonSandboxClient.ReadJsonAsync(missing, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        await MastodonSandboxClient.ReadJsonAsync(right, HttpStatusCode.OK);
    }

    [Fact]
    public async Task UsedCode_IsInvalidGrant()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);
        using var first = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);
        using var second = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);

        await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.OK);
        var error = await MastodonSandboxClient.ReadJsonAsync(second, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task ExpiredCode_AndRedirectMismatch_AreInvalidGrant()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var late = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);
        var moved = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 601 });

        using var expired = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, late, null);
        using var mismatch = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, moved, null, redirectUri: "http://127.0.0.1:9/elsewhere");

        Assert.Equal("invalid_grant", (await MastodonSandboxClient.ReadJsonAsync(expired, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Equal("invalid_grant", (await MastodonSandboxClient.ReadJsonAsync(mismatch, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task WrongSecret_IsInvalidClient401()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);

        using var response = await Mastodon.ExchangeAsync(Sandbox.Fedi, (app.ClientId, "not the secret"), code, null);

        Assert.Equal("invalid_client", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnregisteredRedirect_GetsAn400Page_NeverARedirect()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);

        using var page = await Mastodon.GetAsync(Sandbox.Fedi, $"/oauth/authorize?response_type=code&client_id={app.ClientId}&redirect_uri={Uri.EscapeDataString("https://evil.example/cb")}", null);
        using var unknownClient = await Mastodon.GetAsync(Sandbox.Fedi, $"/oauth/authorize?response_type=code&client_id=nope&redirect_uri={Uri.EscapeDataString(MastodonSandboxClient.RedirectUri)}", null);
        using var submitted = await Mastodon.SubmitConsentAsync(Sandbox.Fedi, app.ClientId, Alice, "authorize", redirectUri: "https://evil.example/cb");

        foreach (var response in new[] { page, unknownClient, submitted })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ConsentPage_IsAFormWithoutScript_ListingTheInstancesUsersEscaped()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Social);

        using var response = await Mastodon.GetAsync(Sandbox.Social, $"/oauth/authorize?response_type=code&client_id={app.ClientId}&redirect_uri={Uri.EscapeDataString(MastodonSandboxClient.RedirectUri)}&scope=read&state=a%22b", null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/oauth/authorize\">", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{SeedAccounts.CarolId}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"a&quot;b\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SeedAccounts.AliceId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_RedirectsWithAccessDenied_AndTheState()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);

        using var response = await Mastodon.SubmitConsentAsync(Sandbox.Fedi, app.ClientId, Alice, "deny", state: "keep me");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(MastodonSandboxClient.RedirectUri + "?error=access_denied&error_description=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=keep%20me", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopeBeyondTheRegisteredOnes_RedirectsWithInvalidScope()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi, scopes: "read:accounts read:blocks");

        using var response = await Mastodon.GetAsync(Sandbox.Fedi, $"/oauth/authorize?response_type=code&client_id={app.ClientId}&redirect_uri={Uri.EscapeDataString(MastodonSandboxClient.RedirectUri)}&scope=read:accounts+write:lists", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid_scope", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_KillsTheToken_IsIdempotent_AndRefusesAnotherAppsToken()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice);
        using var exchange = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);
        var token = (await MastodonSandboxClient.ReadJsonAsync(exchange, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        var other = await Mastodon.RegisterAppAsync(Sandbox.Fedi);

        using var foreign = await Mastodon.PostFormAsync(Sandbox.Fedi, "/oauth/revoke", null, ("client_id", other.ClientId), ("client_secret", other.ClientSecret), ("token", token));
        using var revoke = await Mastodon.PostFormAsync(Sandbox.Fedi, "/oauth/revoke", null, ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("token", token));
        using var again = await Mastodon.PostFormAsync(Sandbox.Fedi, "/oauth/revoke", null, ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("token", token));
        using var after = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", token);

        Assert.Equal("unauthorized_client", (await MastodonSandboxClient.ReadJsonAsync(foreign, HttpStatusCode.Forbidden)).GetProperty("error").GetString());
        Assert.Equal("{}", (await MastodonSandboxClient.ReadJsonAsync(revoke, HttpStatusCode.OK)).GetRawText());
        Assert.Equal("{}", (await MastodonSandboxClient.ReadJsonAsync(again, HttpStatusCode.OK)).GetRawText());
        Assert.Equal("The access token is invalid", (await MastodonSandboxClient.ReadJsonAsync(after, HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
        var state = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, "/_sandbox/state");
        Assert.Equal(1, state.GetProperty("tokens").GetProperty("revoked").GetInt32());
    }

    [Fact]
    public async Task UserRevokingTheApp_InvalidatesTheirTokens()
    {
        var revoked = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/revoke-tokens");
        using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", AliceToken);

        Assert.Equal(1, revoked.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_BelongToTheirInstance()
    {
        using var response = await Mastodon.GetAsync(Sandbox.Social, "/api/v1/accounts/verify_credentials", AliceToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_GivesAnAppToken_ThatUserEndpointsRefuseWith422()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        using var exchange = await Mastodon.PostFormAsync(Sandbox.Fedi, "/oauth/token", null, ("grant_type", "client_credentials"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("scope", "read"));
        var token = (await MastodonSandboxClient.ReadJsonAsync(exchange, HttpStatusCode.OK)).GetProperty("access_token").GetString();
        using var wider = await Mastodon.PostFormAsync(Sandbox.Fedi, "/oauth/token", null, ("grant_type", "client_credentials"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("scope", "admin:read"));

        using var blocks = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", token);
        var appInfo = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/apps/verify_credentials", token);

        Assert.Equal("This method requires an authenticated user", (await MastodonSandboxClient.ReadJsonAsync(blocks, (HttpStatusCode)422)).GetProperty("error").GetString());
        Assert.Equal("Reasonable tests", appInfo.GetProperty("name").GetString());
        Assert.Equal("invalid_scope", (await MastodonSandboxClient.ReadJsonAsync(wider, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("redirect_uris", "not a uri", "Validation failed: Redirect URI must be an absolute URI.")]
    [InlineData("redirect_uris", "javascript:alert(1)", "Validation failed: Redirect URI is forbidden by the server.")]
    [InlineData("scopes", "read bogus:scope", "Validation failed: Scopes doesn't match configured on the server.")]
    [InlineData("client_name", "a name that is far too long for Mastodon, which allows sixty characters", "Validation failed: Name is too long (maximum is 60 characters)")]
    public async Task AppRegistration_RejectsBadInput_With422(string field, string value, string message)
    {
        var fields = new Dictionary<string, string> { ["client_name"] = "ok", ["redirect_uris"] = MastodonSandboxClient.RedirectUri, ["scopes"] = "read", [field] = value };

        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/apps", null, [.. fields.Select(f => (f.Key, f.Value))]);

        Assert.Equal(message, (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)422)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AppRegistration_AcceptsJsonArrays_AndNewlineSeparatedUris()
    {
        using var json = await Mastodon.SendAsync(HttpMethod.Post, Sandbox.Fedi, "/api/v1/apps", null, System.Net.Http.Json.JsonContent.Create(new { client_name = "json", redirect_uris = new[] { "http://127.0.0.1:9/a", "http://127.0.0.1:9/b" }, scopes = "read write:lists" }));
        using var lines = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/apps", null, ("client_name", "form"), ("redirect_uris", "http://127.0.0.1:9/a\nurn:ietf:wg:oauth:2.0:oob"));

        var fromJson = await MastodonSandboxClient.ReadJsonAsync(json, HttpStatusCode.OK);
        var fromForm = await MastodonSandboxClient.ReadJsonAsync(lines, HttpStatusCode.OK);
        Assert.Equal(2, fromJson.GetProperty("redirect_uris").GetArrayLength());
        Assert.Equal("[\"read\",\"write:lists\"]", fromJson.GetProperty("scopes").GetRawText());
        Assert.Equal(0, fromJson.GetProperty("client_secret_expires_at").GetInt32());
        Assert.Equal("[\"read\"]", fromForm.GetProperty("scopes").GetRawText());
        Assert.Equal("http://127.0.0.1:9/a\nurn:ietf:wg:oauth:2.0:oob", fromForm.GetProperty("redirect_uri").GetString());
    }

    [Fact]
    public async Task AppRegistration_IsLimitedToFivePerTenMinutes()
    {
        for (var i = 0; i < 5; i++)
        {
            await Mastodon.RegisterAppAsync(Sandbox.Social);
        }

        using var sixth = await Mastodon.PostFormAsync(Sandbox.Social, "/api/v1/apps", null, ("client_name", "sixth"), ("redirect_uris", MastodonSandboxClient.RedirectUri));

        Assert.Equal("Too many requests", (await MastodonSandboxClient.ReadJsonAsync(sixth, (HttpStatusCode)429)).GetProperty("error").GetString());
        Assert.Equal("0", sixth.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(5, (await Sandbox.ControlAsync(Sandbox.Social, HttpMethod.Get, "/_sandbox/state")).GetProperty("apps").GetInt32());
    }

    [Fact]
    public async Task Metadata_DescribesTheInstance_AndPre43ModeRemovesItAndPkce()
    {
        var metadata = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/.well-known/oauth-authorization-server", null);
        Assert.Equal(new Uri(Sandbox.Fedi, "/oauth/token").ToString(), metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal("[\"S256\"]", metadata.GetProperty("code_challenge_methods_supported").GetRawText());

        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Put, "/_sandbox/modes", new { pre_4_3 = true });
        using var missing = await Mastodon.GetAsync(Sandbox.Fedi, "/.well-known/oauth-authorization-server", null);
        var version = (await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v2/instance", null)).GetProperty("version").GetString();
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, Alice, challenge: "ignored-by-an-old-server");
        using var exchange = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("4.2.10", version);
        await MastodonSandboxClient.ReadJsonAsync(exchange, HttpStatusCode.OK);
    }
}
