namespace Reasonable.Api.Auth;

/// <summary>
/// The web app's session: the same bearer token scripts use, kept in an HttpOnly cookie so page scripts never see
/// it. SameSite=Strict (never sent from another site's page), Secure when the API is served over HTTPS, Path=/api.
/// Without "keep me signed in" it is a browser-session cookie; with it, it lasts as long as its session row.
/// Requests that carry it must pass <see cref="Http.CookieRequestGuard"/> to change anything.
/// </summary>
public static class SessionCookie
{
    public const string Name = "reasonable_session";

    /// <summary>The header the web app sends on every call; a page on another origin cannot send it without CORS, which the API does not allow.</summary>
    public const string RequestHeader = "X-Reasonable-Request";

    private const string CookiePath = "/api";

    public static void Set(HttpResponse response, AuthOptions options, IssuedToken token, bool persistent)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(token);
        response.Cookies.Append(Name, token.Token, Options(options, persistent ? token.ExpiresAt : null));
    }

    public static void Clear(HttpResponse response, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(options, null));
    }

    /// <summary>The token in the cookie, when the request has no Authorization header (a header always wins).</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Count == 0 && request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrEmpty(token)
            ? token
            : null;
    }

    private static CookieOptions Options(AuthOptions options, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = options.PublicUrl.Scheme == Uri.UriSchemeHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
