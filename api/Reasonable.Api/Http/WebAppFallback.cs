namespace Reasonable.Api.Http;

/// <summary>
/// An address that is no route and no file: under /api, /swagger or /healthz a 404 problem as before; anywhere else
/// the web app's index.html with status 404, so a mistyped or stale link opens the app's own "not found" page
/// (with its navigation) instead of raw JSON. Without a built web app it stays a 404 problem.
/// </summary>
public static class WebAppFallback
{
    /// <summary>Every path but the server's own (so their 404 and 405 answers stay as they are) and files.</summary>
    private const string Pattern = "{*path:regex(^(?!(api|swagger|healthz)(/|$))):nonfile}";

    public static IEndpointRouteBuilder MapWebAppFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback(Pattern, AnswerAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var index = context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("index.html");
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (!index.Exists || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return; // the status-code pages write the problem
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.SendFileAsync(index, context.RequestAborted);
    }
}
