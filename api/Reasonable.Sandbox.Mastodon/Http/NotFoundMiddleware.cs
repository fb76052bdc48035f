using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Http;

/// <summary>
/// Gives routing misses Mastodon's body: 404 <c>{"error":"Not Found"}</c> for an unknown path, and for a known path
/// with the wrong method (Rails has no 405 there either). Unhandled exceptions become 500 <c>{"error":…}</c>.
/// </summary>
public sealed class NotFoundMiddleware(RequestDelegate next, ILogger<NotFoundMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            await next(http);
        }
        catch (Exception error) when (!http.Response.HasStarted && error is not OperationCanceledException)
        {
            logger.LogError(error, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await MastodonErrors.Error(StatusCodes.Status500InternalServerError, "Internal Server Error").ExecuteAsync(http);
            return;
        }

        if (!http.Response.HasStarted && http.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
            && http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
        {
            http.Response.Headers.Allow = default;
            await MastodonErrors.RouteNotFound().ExecuteAsync(http);
        }
    }
}
