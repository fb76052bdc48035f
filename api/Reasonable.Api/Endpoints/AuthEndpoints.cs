using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Sign-in and sign-out. The login and callback routes are browser navigations (redirects and plain pages); the
/// web app then trades the callback's one-time code for a bearer token at POST /api/auth/session.
/// </summary>
public static class AuthEndpoints
{

    private const string BrowserCookie = "reasonable_sign_in";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapGet("/{provider}/login", LoginAsync).WithName("StartSignIn").RequireRateLimit(LimitedAction.SignIn).WithMetadata(BrowserPage.Instance)
            .WithSummary("Starts signing in: answers 302 to the provider's consent page (open it in a browser). Providers with instances (GET /api/providers: needsInstance) need `instance`: a server name such as fedi.example, or a handle such as @me@fedi.example.")
            .Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status400BadRequest, contentType: "text/html")
            .Produces(StatusCodes.Status404NotFound, contentType: "text/html").Produces(StatusCodes.Status409Conflict, contentType: "text/html")
            .Produces(StatusCodes.Status502BadGateway, contentType: "text/html").Produces(StatusCodes.Status503ServiceUnavailable, contentType: "text/html");
        group.MapGet("/{provider}/callback", CallbackAsync).WithName("FinishSignIn").RequireRateLimit(LimitedAction.SignIn).WithMetadata(BrowserPage.Instance)
            .WithSummary("Where the provider sends the browser back: answers 302 to the web app with a one-time code in the URL fragment.")
            .Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status400BadRequest, contentType: "text/html").Produces(StatusCodes.Status404NotFound, contentType: "text/html")
            .Produces(StatusCodes.Status409Conflict, contentType: "text/html").Produces(StatusCodes.Status502BadGateway, contentType: "text/html")
            .Produces(StatusCodes.Status503ServiceUnavailable, contentType: "text/html");
        group.MapPost("/session", ExchangeCodeAsync).WithName("CreateSession").RequireRateLimit(LimitedAction.SignIn)
            .WithSummary("Trades the one-time sign-in code for a bearer token.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/logout", LogoutAsync).WithName("SignOut").RequireAuthorization()
            .WithSummary("Ends the session whose token (or session cookie) made this request, and clears the cookie.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout-everywhere", LogoutEverywhereAsync).WithName("SignOutEverywhere").RequireAuthorization()
            .WithSummary("Ends every browser session of the user (personal access tokens stay; revoke them under /api/tokens).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        string provider, string? instance, HttpContext http, ProviderDirectory providers, SignInService signIn, AuthOptions options, CancellationToken cancellationToken)
    {
        var found = providers.Find(provider);
        if (found is null)
        {
            return HtmlPage.Render(StatusCodes.Status404NotFound, "Unknown sign-in provider", HtmlPage.Paragraph("Reasonable cannot sign you in with that service."), "Back to Reasonable", options.WebAppUrl.AbsoluteUri);
        }

        string? server = null;
        if (found.Info.NeedsInstance)
        {
            server = InstanceName.TryNormalise(instance, allowPorts: false, out var problem);
            if (server is null)
            {
                return Failure(StatusCodes.Status400BadRequest, $"Which {found.Info.DisplayName} server?", problem, options);
            }
        }

        try
        {
            var (authorizeUrl, browserSecret) = await signIn.BeginAsync(found, server, cancellationToken);
            http.Response.Cookies.Append(BrowserCookie, browserSecret, new CookieOptions
            {
                HttpOnly = true,
                Secure = options.PublicUrl.Scheme == Uri.UriSchemeHttps,
                SameSite = SameSiteMode.Lax, // sent on the provider's top-level redirect back to us
                Path = "/api/auth",
                MaxAge = options.SignInRequestLifetime,
            });
            return Results.Redirect(authorizeUrl.AbsoluteUri);
        }
        catch (ProviderException exception)
        {
            return ProviderTrouble(exception, found.Info.DisplayName, options);
        }
    }

    private static async Task<IResult> CallbackAsync(
        string provider, HttpContext http, ProviderDirectory providers, SignInService signIn, AuthOptions options, CancellationToken cancellationToken)
    {
        var found = providers.Find(provider);
        var startAgain = $"/api/auth/{Uri.EscapeDataString(provider)}/login";
        if (found is null)
        {
            return Failure(StatusCodes.Status404NotFound, "Unknown sign-in provider", "Reasonable cannot sign you in with that service.", options);
        }

        http.Response.Cookies.Delete(BrowserCookie, new CookieOptions { Path = "/api/auth" });
        var query = http.Request.Query.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString(), StringComparer.Ordinal);
        try
        {
            var result = await signIn.CompleteAsync(found, query, http.Request.Cookies[BrowserCookie], cancellationToken);
            var name = found.Info.DisplayName;
            return result.Failure switch
            {
                null => Results.Redirect(new Uri(options.WebAppUrl, $"/signed-in#code={result.Code}").AbsoluteUri),
                SignInFailure.Denied => HtmlPage.Render(
                    StatusCodes.Status200OK, "You did not sign in", HtmlPage.Paragraph($"You chose not to let Reasonable use your {name} account, so nothing was stored."), $"Sign in with {name}", startAgain),
                SignInFailure.Expired => Failure(
                    StatusCodes.Status400BadRequest, "This sign-in took too long", "The sign-in expired before you came back from " + name + ". Please start again.", options, startAgain),
                SignInFailure.OtherBrowser => Failure(
                    StatusCodes.Status400BadRequest, "Sign-in started in another browser", "This sign-in link belongs to a sign-in started in another browser or tab that has since closed. Start again here.", options, startAgain),
                _ => Failure(
                    StatusCodes.Status400BadRequest, "This sign-in link is not valid", "It is unknown, was already used, or does not come from " + name + ". Start again.", options, startAgain),
            };
        }
        catch (ProviderException exception)
        {
            return ProviderTrouble(exception, found.Info.DisplayName, options);
        }
    }

    private static async Task<Results<Ok<SessionTokenResponse>, ProblemHttpResult>> ExchangeCodeAsync(
        SessionCodeRequest request, HttpRequest http, SignInService signIn, CancellationToken cancellationToken)
    {
        var issued = await signIn.ExchangeAsync(request.Code ?? string.Empty, http.Headers.UserAgent, lifetime: null, cancellationToken);
        return issued is null
            ? Problems.Invalid("code", "This sign-in code is unknown, was already used, or has expired (codes last one minute). Sign in again.")
            : TypedResults.Ok(new SessionTokenResponse(issued.Token, issued.ExpiresAt));
    }

    private static async Task<NoContent> LogoutAsync(
        CurrentUser user, HttpResponse response, SessionRepository sessions, AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(user.UserId, user.SessionId, kind: null, time.GetUtcNow(), cancellationToken);
        SessionCookie.Clear(response, options);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SignedOutResponse>> LogoutEverywhereAsync(
        CurrentUser user, HttpResponse response, SessionRepository sessions, AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var count = await sessions.RevokeAllAsync(user.UserId, SessionRow.Browser, time.GetUtcNow(), cancellationToken);
        SessionCookie.Clear(response, options);
        return TypedResults.Ok(new SignedOutResponse(count));
    }

    private static IResult Failure(int status, string title, string message, AuthOptions options, string? startAgain = null) =>
        HtmlPage.Render(status, title, HtmlPage.Paragraph(message), startAgain is null ? "Back to Reasonable" : "Start again", startAgain ?? options.WebAppUrl.AbsoluteUri);

    private static IResult ProviderTrouble(ProviderException exception, string providerName, AuthOptions options)
    {
        var problem = Problems.Provider(exception, providerName).ProblemDetails;
        return HtmlPage.Render(problem.Status ?? 503, problem.Title ?? "Sign-in failed", HtmlPage.Paragraph(problem.Detail ?? string.Empty), "Back to Reasonable", options.WebAppUrl.AbsoluteUri);
    }
}

/// <summary>The one-time code from the sign-in redirect's URL fragment (<c>#code=…</c>).</summary>
public sealed record SessionCodeRequest([property: Required] string? Code);

/// <summary>A bearer token for the Authorization header, and when it expires.</summary>
public sealed record SessionTokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>How many browser sessions were ended.</summary>
public sealed record SignedOutResponse(int SessionsEnded);
