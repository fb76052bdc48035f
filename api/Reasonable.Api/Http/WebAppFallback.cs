namespace Reasonable.Api.Http;

/// <summary>
/// A GET for an address no route answers and no file is at: under /api, /swagger or /healthz (or with a file
/// extension) a 404 problem as before; anywhere else the web app's index.html with status 404, so a mistyped or stale
/// link opens the app's own "not found" page (with its navigation) instead of raw JSON. Without a built web app it
/// stays a 404 problem. A middleware rather than a fallback endpoint: an endpoint that matches every method and body
/// type would take the 405 and 415 answers of the real routes away.
/// </summary>
public static class WebAppFallback
{
    private static readonly string[] ServerPrefixes = ["/api", "/swagger", "/healthz"];

    /// <summary>Call after the static files, so only addresses that matched nothing arrive here.</summary>
    public static IApplicationBuilder UseWebAppFallback(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var path = request.Path;
            if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || Path.HasExtension(path.Value) || ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                await next(context);
                return;
            }

            var index = context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("index.html");
            if (!index.Exists)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
}
