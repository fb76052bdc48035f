using Microsoft.AspNetCore.Http.Features;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// Verifies an OAuth 1.0a request the way X does: header syntax → consumer key → timestamp window →
/// token → signature (constant time) → nonce replay. The nonce is recorded only after the signature holds, so
/// forged requests cannot burn a client's nonces. v1.1/OAuth paths get v1.1 error codes, v2 paths a 401 problem.
/// </summary>
public sealed class OAuthGate(SandboxOptions options, TokenStore tokens, NonceStore nonces)
{
    public async Task<OAuthGateResult> VerifyAsync(HttpContext http, OAuthStep step)
    {
        ArgumentNullException.ThrowIfNull(http);
        var v2 = http.Request.Path.StartsWithSegments("/2", StringComparison.Ordinal);
        IResult Fail(IResult v1Error) => v2 ? XErrors.Unauthorized() : v1Error;

        if (!OAuthAuthorization.TryParse(http.Request.Headers.Authorization.ToString(), out var authorization)
            || !authorization.HasRequiredProtocolParameters(out _))
        {
            return OAuthGateResult.Fail(Fail(XErrors.BadAuthenticationData()));
        }

        if (!FixedTimeEquals(authorization.ConsumerKey!, options.ConsumerKey))
        {
            return OAuthGateResult.Fail(Fail(XErrors.CouldNotAuthenticate()));
        }

        var wallClock = TimeProvider.System.GetUtcNow();
        if (!OAuthTimestamp.IsWithin(authorization.Timestamp, wallClock, options.TimestampSkew))
        {
            return OAuthGateResult.Fail(Fail(XErrors.TimestampOutOfBounds()));
        }

        RequestToken? requestToken = null;
        AccessToken? accessToken = null;
        string? tokenSecret = null;
        switch (step)
        {
            case OAuthStep.AccessToken:
                requestToken = tokens.FindAuthorized(authorization.Token);
                if (requestToken is null || requestToken.ConsumerKey != authorization.ConsumerKey)
                {
                    return OAuthGateResult.Fail(Fail(XErrors.InvalidOrExpiredToken()));
                }

                tokenSecret = requestToken.Secret;
                break;
            case OAuthStep.UserContext:
                accessToken = tokens.FindAccessToken(authorization.Token);
                if (accessToken is null || accessToken.ConsumerKey != authorization.ConsumerKey)
                {
                    return OAuthGateResult.Fail(Fail(XErrors.InvalidOrExpiredToken()));
                }

                tokenSecret = accessToken.Secret;
                break;
            case OAuthStep.RequestToken:
            default:
                break;
        }

        var parameters = await RequestParametersAsync(http.Request);
        var uri = AddressedUri(http);
        var valid = OAuthRequestVerifier.Verify(http.Request.Method, uri, authorization, parameters, options.ConsumerSecret, tokenSecret)
            || (step == OAuthStep.AccessToken && options.LenientAccessToken
                && OAuthRequestVerifier.Verify(http.Request.Method, uri, authorization, parameters, options.ConsumerSecret, null));
        if (!valid)
        {
            return OAuthGateResult.Fail(Fail(XErrors.CouldNotAuthenticate()));
        }

        if (!nonces.TryUse(authorization.ConsumerKey!, authorization.Token, authorization.Timestamp!, authorization.Nonce!, wallClock))
        {
            return OAuthGateResult.Fail(Fail(XErrors.CouldNotAuthenticate()));
        }

        return OAuthGateResult.Pass(authorization, parameters, requestToken, accessToken);
    }

    /// <summary>
    /// The URI the client signed: scheme and Host header as received, the path exactly as sent on the wire (the raw
    /// request target, so no re-encoding can differ from the client's).
    /// </summary>
    private static Uri AddressedUri(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = raw is { Length: > 0 } && raw[0] == '/' ? raw : (http.Request.PathBase + http.Request.Path).ToUriComponent();
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        return new Uri($"{http.Request.Scheme}://{http.Request.Host.Value}{path}");
    }

    /// <summary>Query parameters from the raw target, plus the body when it is form-encoded (and only then).</summary>
    private static async Task<IReadOnlyList<OAuthParameter>> RequestParametersAsync(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        var query = raw.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? raw[(q + 1)..] : request.QueryString.Value;
        var parameters = new List<OAuthParameter>(OAuthSignatureBase.ParseQuery(query));
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Buffer so the endpoint can read the same body again.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            parameters.AddRange(OAuthSignatureBase.ParseQuery(body));
        }

        return parameters;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
