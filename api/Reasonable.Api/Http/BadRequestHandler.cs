using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Reasonable.Api.Http;

/// <summary>
/// A body that does not bind (malformed JSON, an unknown field, a wrong type) becomes a 400 problem that names
/// where it went wrong, instead of a bare status. The JSON exception's own text is not echoed: it names .NET types.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        if (badRequest.InnerException is not JsonException json)
        {
            // Not the body's JSON: a body too large (413), the wrong content type (415), a missing value (400).
            await StatusProblems.For(badRequest.StatusCode, httpContext).ExecuteAsync(httpContext);
            return true;
        }

        var detail = $"The JSON body is not valid for this request at '{json.Path ?? "$"}': check for unknown fields, wrong types or malformed JSON.";
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Type = "/problems/invalid-request",
                Title = "The request is not valid",
                Detail = detail,
            },
        };
        // Like Problems.Invalid: errors keyed by the field ("tags[2]" for $.tags[2]), so clients can point at it.
        if (json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [path[2..]] = [detail] };
        }

        return await problemDetails.TryWriteAsync(context);
    }
}
