using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// OAuth 2 with an instance: the app registered once per instance, the authorize URL (with PKCE where the instance
/// offers it, from Mastodon 4.3), the code traded for a token, and the token given back.
/// </summary>
internal sealed class MastodonSignIn(MastodonHttp http, ProviderAppStore apps)
{
    public const string ProviderName = "mastodon";

    /// <summary>
    /// The least the provider needs: read:accounts (verify_credentials, following, lookup), read:blocks, read:mutes,
    /// read:follows (relationships, for notes), read:lists and write:lists (the key slot), and write:blocks,
    /// write:mutes, write:follows for the actions. Never write:accounts: it would also allow editing the profile.
    /// </summary>
    public const string Scopes = "read:accounts read:blocks read:mutes read:follows read:lists write:lists write:blocks write:mutes write:follows";

    public async Task<SignInChallenge> BeginAsync(string instance, Uri callbackUrl, CancellationToken cancellationToken)
    {
        var baseUrl = http.Options.BaseUrl(instance);
        var pkce = await OffersPkceAsync(baseUrl, cancellationToken);
        var app = await EnsureAppAsync(instance, baseUrl, callbackUrl, cancellationToken);
        var state = RandomText();
        var verifier = pkce ? RandomText() : null;
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", app.ClientId),
            new("redirect_uri", callbackUrl.AbsoluteUri),
            new("scope", Scopes),
            new("state", state),
        };
        if (verifier is not null)
        {
            query.Add(new("code_challenge", Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))));
            query.Add(new("code_challenge_method", "S256"));
        }

        var authorizeUrl = new Uri(baseUrl, "oauth/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        return new SignInChallenge(authorizeUrl, state, new MastodonSignInSecret(instance, app.ClientId, verifier).ToText());
    }

    /// <summary>Trades the code for a token with the app the authorize URL named; returns the token and that app.</summary>
    public async Task<(string Token, MastodonApp App)> RedeemAsync(MastodonSignInSecret started, string code, Uri callbackUrl, CancellationToken cancellationToken)
    {
        const string Route = "POST /oauth/token";
        var app = await FindAppAsync(started.Instance, cancellationToken);
        if (app is null || app.ClientId != started.ClientId)
        {
            throw new ProviderException(ProviderFailure.Rejected, $"Mastodon {Route} was not sent: Reasonable's app on the server changed since this sign-in began. Sign in again.");
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("client_id", app.ClientId),
            new("client_secret", app.ClientSecret),
            new("redirect_uri", callbackUrl.AbsoluteUri),
        };
        if (started.Verifier is not null)
        {
            form.Add(new("code_verifier", started.Verifier));
        }

        var answer = await http.SendAsync(
            HttpMethod.Post, Route, new Uri(http.Options.BaseUrl(started.Instance), "oauth/token"), null, cancellationToken,
            new FormUrlEncodedContent(form), HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized);
        if (answer.Status == HttpStatusCode.Unauthorized)
        {
            // invalid_client: the instance no longer knows the app (an admin removed it); the next sign-in registers anew.
            await apps.ForgetAsync(ProviderName, started.Instance, cancellationToken);
            throw new ProviderException(ProviderFailure.Rejected, $"Mastodon {Route} answered 401: the server no longer knows Reasonable's app. Sign in again.");
        }

        if (answer.Status == HttpStatusCode.BadRequest)
        {
            // invalid_grant: a used, expired or foreign code, or a PKCE verifier that does not match.
            throw new ProviderException(ProviderFailure.Rejected, $"Mastodon {Route} answered 400: the server refused the sign-in code. Sign in again.");
        }

        var token = MastodonHttp.Parse<MastodonTokenJson>(answer, Route);
        return token.AccessToken is { Length: > 0 } accessToken && string.Equals(token.TokenType ?? "Bearer", "Bearer", StringComparison.OrdinalIgnoreCase)
            ? (accessToken, app)
            : throw MastodonHttp.Malformed(Route);
    }

    public async Task RevokeAsync(MastodonAccess access, CancellationToken cancellationToken)
    {
        const string Route = "POST /oauth/revoke";
        var app = await FindAppAsync(access.Instance, cancellationToken);
        if (app is null || app.ClientId != access.ClientId)
        {
            throw new ProviderException(ProviderFailure.Rejected, $"Mastodon {Route} was not sent: the app this access was given to is no longer Reasonable's app on the server.");
        }

        var form = new FormUrlEncodedContent(
            [new("client_id", app.ClientId), new("client_secret", app.ClientSecret), new("token", access.Token)]);

        // 200 also for a token already revoked; 403 (not this app's token) stays a refusal.
        await http.SendAsync(HttpMethod.Post, Route, new Uri(http.Options.BaseUrl(access.Instance), "oauth/revoke"), null, cancellationToken, form);
    }

    /// <summary>Whether the instance's OAuth metadata offers S256; instances before 4.3 have no metadata (404) and no PKCE.</summary>
    private async Task<bool> OffersPkceAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        const string Route = "GET /.well-known/oauth-authorization-server";
        var answer = await http.SendAsync(
            HttpMethod.Get, Route, new Uri(baseUrl, ".well-known/oauth-authorization-server"), null, cancellationToken, null, HttpStatusCode.NotFound);

        // The endpoints in the metadata are not used: authorize and token stay on the instance's own origin, whatever it says.
        return answer.Status != HttpStatusCode.NotFound
            && MastodonHttp.Parse<MastodonServerMetadataJson>(answer, Route).CodeChallengeMethodsSupported?.Contains("S256") == true;
    }

    private async Task<MastodonApp?> FindAppAsync(string instance, CancellationToken cancellationToken) =>
        MastodonApp.TryFrom(await apps.FindAsync(ProviderName, instance, cancellationToken));

    /// <summary>The stored app, or a new registration when there is none or it was made for another callback URL or scopes.</summary>
    private async Task<MastodonApp> EnsureAppAsync(string instance, Uri baseUrl, Uri callbackUrl, CancellationToken cancellationToken)
    {
        if (await FindAppAsync(instance, cancellationToken) is { } stored && stored.Fits(callbackUrl, Scopes))
        {
            return stored;
        }

        const string Route = "POST /api/v1/apps";
        var form = new FormUrlEncodedContent(
            [new("client_name", "Reasonable"), new("redirect_uris", callbackUrl.AbsoluteUri), new("scopes", Scopes)]);
        var answer = await http.SendAsync(HttpMethod.Post, Route, new Uri(baseUrl, "api/v1/apps"), null, cancellationToken, form);
        var registered = MastodonHttp.Parse<MastodonRegisteredAppJson>(answer, Route);
        if (registered is not { ClientId.Length: > 0, ClientSecret.Length: > 0 })
        {
            throw MastodonHttp.Malformed(Route);
        }

        var app = new MastodonApp(registered.ClientId, registered.ClientSecret, Scopes, callbackUrl.AbsoluteUri);
        await apps.SaveAsync(ProviderName, instance, app.ToText(), cancellationToken);
        return app;
    }

    /// <summary>256 random bits, base64url: the state and the PKCE verifier (43 characters, within RFC 7636's 43–128).</summary>
    private static string RandomText() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
