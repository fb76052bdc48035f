using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Reasonable.Api.Http;

/// <summary>
/// PostgreSQL not answering (down, restarting, out of connections, a failover) is a 503 with Retry-After, not a
/// 500: the request was fine and will work again. Browser pages (sign-in) get a plain page that says so. Errors the
/// database reports about the query itself are not transient and stay 500s.
/// </summary>
public sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    private const string Detail = "Reasonable's database is not answering just now. Try again in 30 seconds; if you were saving something, check afterwards whether it was saved.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsUnavailable(exception))
        {
            return false;
        }

        // The message names the host and port at most; never a query or a value.
        logger.LogWarning("The database is unavailable: {Message}", exception.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        // The handler runs with the endpoint cleared; the feature remembers which one failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        IResult answer = endpoint?.Metadata.GetMetadata<BrowserPage>() is not null
            ? HtmlPage.Render(StatusCodes.Status503ServiceUnavailable, "Reasonable is not available just now", HtmlPage.Paragraph(Detail), "Back to Reasonable", "/")
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: "/problems/database-unavailable",
                title: "Reasonable is not available just now",
                detail: Detail,
                extensions: new Dictionary<string, object?> { ["retryAfter"] = RetryAfterSeconds });
        await answer.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>A connection that cannot be opened or was lost, anywhere in the exception's chain.</summary>
    private static bool IsUnavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
