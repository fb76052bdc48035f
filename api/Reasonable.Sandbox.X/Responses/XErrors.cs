namespace Reasonable.Sandbox.X.Responses;

/// <summary>
/// X's error bodies, shaped as X sends them: v1.1 and OAuth endpoints answer <c>{"errors":[{"code","message"}]}</c>;
/// v2 answers RFC 7807 problems (<c>title</c>, <c>detail</c>, <c>type</c>, <c>status</c>) as X's documentation shows.
/// </summary>
public static class XErrors
{
    public const string ProblemContentType = "application/problem+json";
    public const string InvalidRequestType = "https://api.x.com/2/problems/invalid-request";
    public const string ResourceNotFoundType = "https://api.x.com/2/problems/resource-not-found";

    /// <summary>v1.1 style, e.g. 401 code 32 "Could not authenticate you.".</summary>
    public static IResult V1(int status, int code, string message) =>
        Results.Json(new { errors = new[] { new { code, message } } }, statusCode: status);

    public static IResult BadAuthenticationData() => V1(StatusCodes.Status400BadRequest, 215, "Bad Authentication data.");

    public static IResult CouldNotAuthenticate() => V1(StatusCodes.Status401Unauthorized, 32, "Could not authenticate you.");

    public static IResult InvalidOrExpiredToken() => V1(StatusCodes.Status401Unauthorized, 89, "Invalid or expired token.");

    public static IResult TimestampOutOfBounds() => V1(StatusCodes.Status401Unauthorized, 135, "Timestamp out of bounds.");

    /// <summary>A top-level v2 problem with <c>type: about:blank</c> (401, 403, 429, 5xx as observed from X).</summary>
    public static IResult Problem(int status, string title, string detail) =>
        Results.Json(new { title, detail, type = "about:blank", status }, contentType: ProblemContentType, statusCode: status);

    public static IResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Unauthorized");

    public static IResult TooManyRequests() => Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", "Too Many Requests");

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>
    /// 400 invalid-request with the per-parameter errors array X sends for bad query parameters and bodies, e.g.
    /// <c>{"errors":[{"parameters":{"max_results":["0"]},"message":"…"}],"title":"Invalid Request",…}</c>.
    /// </summary>
    public static IResult InvalidRequest(string parameter, string value, string message) =>
        Results.Json(
            new
            {
                errors = new[] { new { parameters = new Dictionary<string, string[]> { [parameter] = [value] }, message } },
                title = "Invalid Request",
                detail = "One or more parameters to your request was invalid.",
                type = InvalidRequestType,
            },
            contentType: ProblemContentType,
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// A lookup of something that does not exist (or is not visible to the caller): X answers 200 with a partial
    /// error in <c>errors</c> and no <c>data</c>.
    /// </summary>
    public static IResult NotFoundError(string resourceType, string parameter, string id) =>
        Results.Json(new
        {
            errors = new[]
            {
                new
                {
                    value = id,
                    detail = $"Could not find {resourceType} with {parameter}: [{id}].",
                    title = "Not Found Error",
                    resource_type = resourceType,
                    parameter,
                    resource_id = id,
                    type = ResourceNotFoundType,
                },
            },
        });

    /// <summary>400 invalid-request for a body X's schema rejects as a whole (not JSON, unknown property, wrong type).</summary>
    public static IResult InvalidBody(string message) =>
        Results.Json(
            new
            {
                errors = new[] { new { message } },
                title = "Invalid Request",
                detail = "One or more parameters to your request was invalid.",
                type = InvalidRequestType,
            },
            contentType: ProblemContentType,
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>404 for writes to a list that does not exist (X does not document this body; the shape is its problem type).</summary>
    public static IResult ResourceNotFound(string resourceType, string parameter, string id) =>
        Results.Json(
            new
            {
                title = "Not Found Error",
                detail = $"Could not find {resourceType} with {parameter}: [{id}].",
                type = ResourceNotFoundType,
                resource_type = resourceType,
                resource_id = id,
                parameter,
                value = id,
                status = StatusCodes.Status404NotFound,
            },
            contentType: ProblemContentType,
            statusCode: StatusCodes.Status404NotFound);
}
