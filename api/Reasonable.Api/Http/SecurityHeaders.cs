namespace Reasonable.Api.Http;

/// <summary>
/// The headers every answer carries, whatever produced it (an endpoint, a static file, a problem, the exception
/// handler): a Content-Security-Policy without inline script, no framing, no sniffing, no referrer, no powerful
/// features, and no caching of anything that may hold a token, a code, a key or a user's data. A header an answer
/// set itself wins.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The web app and the plain pages: scripts and styles only from this origin (the plain pages' one stylesheet by
    /// its hash), images also from the providers (avatars, over https; in Development also over http, as the
    /// sandboxes serve them), no framing, no &lt;base&gt;, forms only to this origin.
    /// </summary>
    public static string ContentSecurityPolicy(bool development) =>
        $"default-src 'self'; script-src 'self'; style-src 'self' '{HtmlPage.StylesheetHash}'; img-src 'self' https: {(development ? "http: " : string.Empty)}data:; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Swagger UI writes its styles inline (a &lt;style&gt; block and style attributes); its scripts are its own
    /// files, so inline script stays refused there too.
    /// </summary>
    public const string SwaggerContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        + "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=()";

    /// <summary>Vite's hashed build output: a changed file gets a new name, so a year's caching is safe.</summary>
    public const string HashedAssetsPath = "/assets/";

    public const string HashedAssetCaching = "public, max-age=31536000, immutable";

    /// <summary>Registers the headers; call first, so answers written by the exception handler carry them too.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = ContentSecurityPolicy(app.Environment.IsDevelopment());
        app.Use((context, next) =>
        {
            // On starting, not now: the exception handler clears the headers of an answer it replaces.
            context.Response.OnStarting(() =>
            {
                Apply(context, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context, string contentSecurityPolicy)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        var swagger = path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase);
        headers.TryAdd("Content-Security-Policy", swagger ? SwaggerContentSecurityPolicy : contentSecurityPolicy);
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("X-Frame-Options", "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        headers.TryAdd("Permissions-Policy", PermissionsPolicy);
        headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
        if (context.Response.StatusCode < 400 && path.StartsWithSegments(HashedAssetsPath.TrimEnd('/'), StringComparison.Ordinal))
        {
            headers.TryAdd("Cache-Control", HashedAssetCaching);
        }
        else if (path.Equals("/api/providers", StringComparison.OrdinalIgnoreCase) && context.Response.StatusCode < 400)
        {
            headers.TryAdd("Cache-Control", "no-cache"); // public, the same for everyone: revalidated, never stale
        }
        else
        {
            // Everything else: API answers (tokens, codes, keys, user data), pages, the web app's index.html (so a
            // new build is picked up at once), problems and health.
            headers.TryAdd("Cache-Control", "no-store");
        }
    }
}
