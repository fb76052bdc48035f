using Reasonable.Api.Auth;

namespace Reasonable.Api.Http;

/// <summary>
/// The anti-CSRF rule for the session cookie. A request that would be authenticated by the cookie (it has no
/// Authorization header) and uses an unsafe method (anything but GET, HEAD, OPTIONS, TRACE), and every call that
/// sets the cookie, must carry <see cref="SessionCookie.RequestHeader"/> and, when the browser names one, come from
/// this server's own origin (<c>Origin</c>; <c>Sec-Fetch-Site</c> must not be cross-site). Otherwise 403, before
/// authentication runs. Bearer requests are untouched: a token in a header is never sent by a browser on its own.
/// </summary>
public static class CookieRequestGuard
{
    /// <summary>The route that trades a sign-in code for the cookie: guarded even without a cookie (login CSRF).</summary>
    public const string CookieSignInPath = "/api/auth/browser-session";

    public static IApplicationBuilder UseCookieRequestGuard(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            var signsIn = request.Path.Equals(CookieSignInPath, StringComparison.OrdinalIgnoreCase);
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
                || (!signsIn && SessionCookie.Read(request) is null))
            {
                return next(context);
            }

            if (string.IsNullOrEmpty(request.Headers[SessionCookie.RequestHeader]))
            {
                return Refuse(context, $"This request was signed in by the browser's cookie, so it must carry the {SessionCookie.RequestHeader} header, as the web app sends it. Scripts send Authorization: Bearer instead.");
            }

            if (!SameOrigin(context))
            {
                return Refuse(context, "This request came from a page on another site. Use Reasonable from its own address.");
            }

            return next(context);
        });

    private static bool SameOrigin(HttpContext context)
    {
        var request = context.Request;
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true; // not a browser, or a same-origin request of an older one; the custom header still had to be there
        }

        var options = context.RequestServices.GetRequiredService<AuthOptions>();
        string[] own = [Origin(options.PublicUrl), Origin(options.WebAppUrl), $"{request.Scheme}://{request.Host}"];
        return own.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static Task Refuse(HttpContext context, string detail) =>
        Problems.Forbidden("cross-site-request", "Request refused", detail).ExecuteAsync(context);
}
