using System.Text;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.OAuth;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// OAuth 2 as Mastodon's Doorkeeper runs it: the consent page, the token endpoint (authorization_code with optional
/// PKCE S256, and client_credentials), and revocation. Codes are single-use and live 10 minutes; tokens never expire.
/// </summary>
public static class OAuthEndpoints
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", ShowConsent).WithName("authorizeUser");
        app.MapPost("/oauth/authorize", SubmitConsent).WithName("submitConsent");
        app.MapPost("/oauth/token", Token).WithName("createToken");
        app.MapPost("/oauth/revoke", Revoke).WithName("revokeToken");
        return app;
    }

    private static IResult ShowConsent(HttpRequest request, Instance instance)
    {
        var outcome = AuthorizeRequest.Check(name => request.Query[name].FirstOrDefault(), instance.OAuth, pkce: !instance.Modes.PreFourThree);
        return outcome.Request is { } valid ? ConsentPage.Render(valid, instance, request.Query["username"]) : Answer(outcome);
    }

    private static async Task<IResult> SubmitConsent(HttpRequest request, Instance instance, SandboxClock clock)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
        var outcome = AuthorizeRequest.Check(name => form[name].FirstOrDefault(), instance.OAuth, pkce: !instance.Modes.PreFourThree);
        if (outcome.Request is not { } valid)
        {
            return Answer(outcome);
        }

        if (form["decision"] != "authorize")
        {
            return Answer(AuthorizeOutcome.Refused(valid.RedirectUri, valid.State, "access_denied", OAuthErrors.AccessDenied));
        }

        var user = SeedAccounts.Named(instance.Index).FirstOrDefault(u => u.Id == form["user_id"]);
        if (user is null)
        {
            return ConsentPage.Invalid("Choose one of the listed users.");
        }

        var code = instance.OAuth.IssueCode(valid.App.ClientId, user.Id, valid.RedirectUri, valid.Scopes, valid.CodeChallenge, clock.GetUtcNow() + CodeLifetime);
        return valid.RedirectUri == AppRegistration.OutOfBand
            ? ConsentPage.OutOfBand("Authorization code", code.Code)
            : Results.Redirect(WithQuery(valid.RedirectUri, ("code", code.Code), ("state", valid.State)));
    }

    private static async Task<IResult> Token(HttpRequest request, Instance instance, SandboxClock clock)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        var grantType = parameters!["grant_type"];
        if (string.IsNullOrEmpty(grantType))
        {
            return MastodonErrors.OAuth(StatusCodes.Status400BadRequest, "invalid_request", OAuthErrors.InvalidRequest);
        }

        if (grantType is not ("authorization_code" or "client_credentials"))
        {
            return MastodonErrors.OAuth(StatusCodes.Status400BadRequest, "unsupported_grant_type", OAuthErrors.UnsupportedGrantType);
        }

        var (clientId, clientSecret) = ClientCredentials(request, parameters);
        if (instance.OAuth.Authenticate(clientId, clientSecret) is not { } app)
        {
            return MastodonErrors.OAuth(StatusCodes.Status401Unauthorized, "invalid_client", OAuthErrors.InvalidClient);
        }

        var now = clock.GetUtcNow();
        return grantType == "authorization_code"
            ? RedeemCode(parameters, app, instance, now)
            : IssueAppToken(parameters, app, instance, now);
    }

    /// <summary>
    /// Doorkeeper's checks: code and redirect_uri present, the code this app's and unexpired, the redirect URI the
    /// one the code was issued for, and the verifier: required with a stored challenge, and refused without one
    /// (a server without PKCE cannot check it). Only a successful exchange uses the code up.
    /// </summary>
    private static IResult RedeemCode(RequestParameters parameters, OAuthApp app, Instance instance, DateTimeOffset now)
    {
        var grant = instance.OAuth.FindCode(parameters["code"]);
        var verifier = parameters["code_verifier"];
        if (string.IsNullOrEmpty(parameters["code"]) || string.IsNullOrEmpty(parameters["redirect_uri"])
            || (grant?.CodeChallenge is not null && string.IsNullOrEmpty(verifier)))
        {
            return MastodonErrors.OAuth(StatusCodes.Status400BadRequest, "invalid_request", OAuthErrors.InvalidRequest);
        }

        var verified = grant?.CodeChallenge is { } challenge
            ? Secrets.Same(Secrets.S256(verifier!), challenge)
            : string.IsNullOrEmpty(verifier);
        if (grant is null || grant.ClientId != app.ClientId || grant.ExpiresAt <= now || grant.RedirectUri != parameters["redirect_uri"]
            || !verified || !instance.OAuth.ConsumeCode(grant.Code))
        {
            return MastodonErrors.OAuth(StatusCodes.Status400BadRequest, "invalid_grant", OAuthErrors.InvalidGrant);
        }

        return TokenResponse(instance.OAuth.IssueToken(app.ClientId, grant.UserId, grant.Scopes, now));
    }

    /// <summary>An app-only token; its scope defaults to <c>read</c> and must be among the app's.</summary>
    private static IResult IssueAppToken(RequestParameters parameters, OAuthApp app, Instance instance, DateTimeOffset now)
    {
        var scopes = OAuthScopes.Parse(parameters["scope"]) ?? [OAuthScopes.Default];
        return scopes.All(app.Scopes.Contains)
            ? TokenResponse(instance.OAuth.IssueToken(app.ClientId, null, scopes, now))
            : MastodonErrors.OAuth(StatusCodes.Status400BadRequest, "invalid_scope", OAuthErrors.InvalidScope);
    }

    /// <summary>200 <c>{}</c> for a revoked, unknown or missing token (idempotent); 403 for another app's token.</summary>
    private static async Task<IResult> Revoke(HttpRequest request, Instance instance)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        var (clientId, clientSecret) = ClientCredentials(request, parameters!);
        if (instance.OAuth.Authenticate(clientId, clientSecret) is not { } app)
        {
            return MastodonErrors.OAuth(StatusCodes.Status401Unauthorized, "invalid_client", OAuthErrors.InvalidClient);
        }

        var token = instance.OAuth.FindToken(parameters!["token"]);
        if (token is not null && token.ClientId != app.ClientId)
        {
            return MastodonErrors.OAuth(StatusCodes.Status403Forbidden, "unauthorized_client", OAuthErrors.NotYourToken);
        }

        if (token is not null)
        {
            instance.OAuth.Revoke(token.Token);
        }

        return Results.Json(new { });
    }

    private static IResult TokenResponse(AccessToken token) =>
        Results.Json(new { access_token = token.Token, token_type = "Bearer", scope = OAuthScopes.Join(token.Scopes), created_at = token.CreatedAt.ToUnixTimeSeconds() });

    /// <summary>client_secret_basic (form-encoded id and secret in Basic) or client_secret_post.</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, RequestParameters parameters)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (parameters["client_id"], parameters["client_secret"]);
    }

    private static IResult Answer(AuthorizeOutcome outcome)
    {
        if (outcome.RedirectUri is null)
        {
            return ConsentPage.Invalid(outcome.Description ?? OAuthErrors.InvalidRequest);
        }

        return outcome.RedirectUri == AppRegistration.OutOfBand
            ? ConsentPage.OutOfBand(outcome.Error!, outcome.Description!)
            : Results.Redirect(WithQuery(outcome.RedirectUri, ("error", outcome.Error), ("error_description", outcome.Description), ("state", outcome.State)));
    }

    private static string WithQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
