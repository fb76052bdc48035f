using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The web app's sign-in: the same one-time code as POST /api/auth/session, traded for an HttpOnly session cookie
/// instead of a token in the body, so no page script ever holds the token (docs/security.md, "The web app's session").
/// </summary>
public static class BrowserSessionEndpoints
{
    public static IEndpointRouteBuilder MapBrowserSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(CookieRequestGuard.CookieSignInPath, CreateAsync).WithName("CreateBrowserSession").WithTags("Sign-in")
            .RequireRateLimit(LimitedAction.SignIn)
            .WithSummary($"For the web app: trades the one-time sign-in code for an HttpOnly, SameSite=Strict session cookie (Path=/api). Needs the {SessionCookie.RequestHeader} header and, from a browser, this server's Origin. With keepSignedIn the cookie and session last 30 days; without it the cookie ends with the browser (and the session within 12 hours).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<BrowserSessionResponse>, ProblemHttpResult>> CreateAsync(
        BrowserSessionRequest request, HttpContext http, SignInService signIn, AuthOptions options, CancellationToken cancellationToken)
    {
        var keep = request.KeepSignedIn == true;
        var issued = await signIn.ExchangeAsync(
            request.Code ?? string.Empty, http.Request.Headers.UserAgent, keep ? options.RememberedSessionLifetime : null, cancellationToken);
        if (issued is null)
        {
            return Problems.Invalid("code", "This sign-in code is unknown, was already used, or has expired (codes last one minute). Sign in again.");
        }

        SessionCookie.Set(http.Response, options, issued, persistent: keep);
        return TypedResults.Ok(new BrowserSessionResponse(issued.ExpiresAt, keep));
    }
}

/// <summary>The one-time code from the sign-in redirect, and whether this device should stay signed in after the browser closes.</summary>
public sealed record BrowserSessionRequest([property: Required] string? Code, bool? KeepSignedIn);

/// <summary>When the session ends, and whether its cookie outlives the browser.</summary>
public sealed record BrowserSessionResponse(DateTimeOffset ExpiresAt, bool KeptSignedIn);
