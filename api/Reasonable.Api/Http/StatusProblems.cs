using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reasonable.Api.Http;

/// <summary>
/// The problems nobody wrote by hand: an answer that is only a status (no route, a method the route does not take, a
/// body too large, an exception) gets a type and a detail that say what to do. Problems that already have a detail
/// (every one the endpoints write) are left as they are.
/// </summary>
public static class StatusProblems
{
    /// <summary>
    /// The problem for a bare status, written as JSON whatever the request's Accept header says (a browser asking for
    /// HTML still learns what went wrong); <paramref name="detail"/> replaces the usual one.
    /// </summary>
    public static ProblemHttpResult For(int status, HttpContext http, string? detail = null)
    {
        var (type, title, usual) = Describe(status, http);
        return TypedResults.Problem(statusCode: status, type: $"/problems/{type}", title: title, detail: detail ?? usual);
    }

    /// <summary>For the status-code pages: a 4xx or 5xx answer without a body becomes its problem.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        return For(http.Response.StatusCode, http).ExecuteAsync(http);
    }

    /// <summary>Fills in problems written through IProblemDetailsService without a detail (the exception handler's 500).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Detail is not null || problem.Status is not { } status)
        {
            return;
        }

        var (type, title, detail) = Describe(status, context.HttpContext);
        problem.Type = $"/problems/{type}";
        problem.Title = title;
        problem.Detail = detail;
    }

    /// <summary>The type, title and detail for a bare status; also used for request errors thrown while reading.</summary>
    public static (string Type, string Title, string Detail) Describe(int status, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return status switch
        {
            StatusCodes.Status400BadRequest => (
                "invalid-request", "The request is not valid",
                "The request could not be read: check its path, query and body against the API's documentation at /swagger."),
            StatusCodes.Status403Forbidden => (
                "forbidden", "Not allowed", "This token may not do that: sign in again in the web app, or use a token made for it."),
            StatusCodes.Status404NotFound => (
                "not-found", "Not found",
                "Nothing answers at this address. Check the path against the API's documentation at /swagger; ids are UUIDs such as 0b5d6a3e-6f0c-4c55-9d7e-2f1c8a4b9e10."),
            StatusCodes.Status405MethodNotAllowed => (
                "method-not-allowed", "Method not allowed", MethodNotAllowed(http)),
            StatusCodes.Status413PayloadTooLarge => (
                "request-too-large", "The body is too large",
                string.Create(CultureInfo.InvariantCulture, $"The body is larger than the {RequestLimits.MaxBodyBytes / 1024:N0} KiB this API accepts. A reason holds at most 10,000 characters; send less at once.")),
            StatusCodes.Status414UriTooLong => (
                "uri-too-long", "The address is too long",
                string.Create(CultureInfo.InvariantCulture, $"The address (path and query) is longer than the {RequestLimits.MaxTargetBytes / 1024:N0} KiB this API accepts: shorten the query, or send long values in a JSON body.")),
            // The import route takes a form (routing refuses other bodies before the route runs); every other route JSON.
            StatusCodes.Status415UnsupportedMediaType when http.Request.Path.StartsWithSegments("/api/imports", StringComparison.Ordinal) => (
                "unsupported-media-type", "Send the file as a form",
                "Send the file as multipart/form-data, in a field named file (and optionally its kind in a field named kind)."),
            StatusCodes.Status415UnsupportedMediaType => (
                "unsupported-media-type", "Send JSON", "Send the body as JSON in UTF-8, with Content-Type: application/json."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => (
                "headers-too-large", "The headers are too large",
                string.Create(CultureInfo.InvariantCulture, $"The request's headers are larger than the {RequestLimits.MaxHeaderBytes / 1024:N0} KiB this API accepts together: drop cookies and headers it does not need.")),
            StatusCodes.Status503ServiceUnavailable => (
                "unavailable", "Reasonable is not available just now", "Reasonable cannot answer just now. Try again in a minute."),
            >= 500 => (
                "internal-error", "Something went wrong on our side",
                "Reasonable failed to answer this request; nothing you sent caused it. Try again, and if it keeps happening, report it with the traceId below."),
            _ => (
                "request-failed", "The request failed",
                "The request could not be answered: check it against the API's documentation at /swagger."),
        };
    }

    private static string MethodNotAllowed(HttpContext http)
    {
        var allowed = http.Response.Headers.Allow.ToString();
        return allowed.Length == 0
            ? $"This address does not take {http.Request.Method}. See the API's documentation at /swagger for the methods it takes."
            : $"This address does not take {http.Request.Method}; it takes {allowed}.";
    }
}
