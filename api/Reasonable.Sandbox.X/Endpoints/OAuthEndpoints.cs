using System.Security.Cryptography;
using System.Text;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.Responses;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// The three-legged OAuth 1.0a flow: request_token → consent page → access_token, and
/// token invalidation. Token responses are form-encoded, never JSON.
/// </summary>
public static class OAuthEndpoints
{
    public const string SessionCookie = "sandbox_user";
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/request_token", RequestToken).WithName("oauthRequestToken");
        app.MapGet("/oauth/authorize", (HttpRequest request, TokenStore tokens) => ShowConsent(request, tokens, remembered: false)).WithName("oauthAuthorize");
        app.MapGet("/oauth/authenticate", (HttpRequest request, TokenStore tokens) => ShowConsent(request, tokens, remembered: true)).WithName("oauthAuthenticate");
        app.MapPost("/oauth/authorize", SubmitConsent).WithName("oauthConsent");
        app.MapMethods("/oauth/access_token", ["GET", "POST"], AccessToken).WithName("oauthAccessToken");
        app.MapPost("/1.1/oauth/invalidate_token", InvalidateToken).WithName("oauthInvalidateToken");
        return app;
    }

    private static async Task<IResult> RequestToken(HttpContext http, OAuthGate gate, TokenStore tokens, SandboxOptions options)
    {
        var verified = await gate.VerifyAsync(http, OAuthStep.RequestToken);
        if (verified.Failure is not null)
        {
            return verified.Failure;
        }

        // OAuth 1.0a makes the callback mandatory; "oob" selects PIN mode.
        var callback = verified.Find("oauth_callback");
        if (string.IsNullOrEmpty(callback))
        {
            return XErrors.BadAuthenticationData();
        }

        if (!CallbackAllowed(callback, options))
        {
            return XErrors.V1(StatusCodes.Status403Forbidden, 415, "Callback URL not approved for this client application.");
        }

        var token = tokens.IssueRequestToken(callback, verified.Authorization!.ConsumerKey!);
        return Form(("oauth_token", token.Token), ("oauth_token_secret", token.Secret), ("oauth_callback_confirmed", "true"));
    }

    private static IResult ShowConsent(HttpRequest request, TokenStore tokens, bool remembered)
    {
        var token = tokens.FindPending(request.Query["oauth_token"]);
        if (token is null)
        {
            return ConsentPage.Invalid();
        }

        // "Sign in with X": a browser that already approved this app skips the prompt unless force_login is set.
        var forceLogin = string.Equals(request.Query["force_login"], "true", StringComparison.OrdinalIgnoreCase);
        if (remembered && !forceLogin && request.Cookies[SessionCookie] is { } userId
            && SeedData.NamedUsers.Any(u => u.Id == userId) && tokens.HasApproved(token.ConsumerKey, userId) && tokens.Approve(token, userId))
        {
            return Approved(token);
        }

        return ConsentPage.Render(token, request.Query["screen_name"]);
    }

    private static async Task<IResult> SubmitConsent(HttpContext http, TokenStore tokens)
    {
        if (!http.Request.HasFormContentType)
        {
            return ConsentPage.Invalid();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = tokens.FindPending(form["oauth_token"]);
        if (token is null)
        {
            return ConsentPage.Invalid();
        }

        var action = form["action"].ToString();
        if (action == "deny")
        {
            tokens.Deny(token);
            return token.Callback == "oob" ? ConsentPage.Message("Access denied", "You did not authorize the application.") : Results.Redirect(WithQuery(token.Callback, ("denied", token.Token)));
        }

        var userId = form["user_id"].ToString();
        if (action != "approve" || !SeedData.NamedUsers.Any(u => u.Id == userId) || !tokens.Approve(token, userId))
        {
            return ConsentPage.Render(token, null, "Choose an account, then Authorize app or Cancel.");
        }

        http.Response.Cookies.Append(SessionCookie, userId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/oauth" });
        return Approved(token);
    }

    private static IResult Approved(RequestToken token) =>
        token.Callback == "oob"
            ? ConsentPage.Message("Authorized", $"Enter this PIN in the application: {token.Verifier}")
            : Results.Redirect(WithQuery(token.Callback, ("oauth_token", token.Token), ("oauth_verifier", token.Verifier!)));

    private static async Task<IResult> AccessToken(HttpContext http, OAuthGate gate, TokenStore tokens)
    {
        var verified = await gate.VerifyAsync(http, OAuthStep.AccessToken);
        if (verified.Failure is not null)
        {
            return verified.Failure;
        }

        // Single use, whatever the outcome: a wrong verifier burns the token too, so verifiers cannot be guessed.
        var requestToken = verified.RequestToken!;
        if (!tokens.Consume(requestToken))
        {
            return XErrors.InvalidOrExpiredToken();
        }

        var verifier = verified.Find("oauth_verifier") ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifier), Encoding.UTF8.GetBytes(requestToken.Verifier!)))
        {
            return XErrors.CouldNotAuthenticate();
        }

        var user = SeedData.Find(requestToken.UserId!)!;
        var access = tokens.IssueAccessToken(user.Id, requestToken.ConsumerKey);
        return Form(("oauth_token", access.Token), ("oauth_token_secret", access.Secret), ("user_id", user.Id), ("screen_name", user.Username));
    }

    private static async Task<IResult> InvalidateToken(HttpContext http, OAuthGate gate, TokenStore tokens)
    {
        var verified = await gate.VerifyAsync(http, OAuthStep.UserContext);
        if (verified.Failure is not null)
        {
            return verified.Failure;
        }

        tokens.Revoke(verified.AccessToken!.Token);
        return Results.Json(new { access_token = verified.AccessToken.Token });
    }

    private static bool CallbackAllowed(string callback, SandboxOptions options)
    {
        if (callback == "oob")
        {
            return true;
        }

        if (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        return options.CallbackPrefixes.Count == 0 || options.CallbackPrefixes.Any(p => callback.StartsWith(p, StringComparison.Ordinal));
    }

    private static string WithQuery(string url, params (string Name, string Value)[] parameters)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return url + separator + string.Join('&', parameters.Select(p => $"{OAuthPercentEncoding.Encode(p.Name)}={OAuthPercentEncoding.Encode(p.Value)}"));
    }

    private static IResult Form(params (string Name, string Value)[] parameters) =>
        Results.Text(
            string.Join('&', parameters.Select(p => $"{OAuthPercentEncoding.Encode(p.Name)}={OAuthPercentEncoding.Encode(p.Value)}")),
            FormContentType,
            Encoding.UTF8);
}
