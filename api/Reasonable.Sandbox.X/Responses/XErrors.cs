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

    public const string NotAuthorizedForResourceType = "https://api.x.com/2/problems/not-authorized-for-resource";
    public const string ResourceUnavailableType = "https://api.x.com/2/problems/resource-unavailable";
    public const string InternalErrorType = "https://api.x.com/2/problems/internal-error";

    // X is observed to send `type: about:blank` for 401, 429 and 5xx, a value its own OpenAPI document does not
    // allow. The sandbox answers with the document's nearest problem type instead, so a client generated from that
    // document can read every error body it will meet here; status and title stay as X sends them.

    /// <summary>401 for a request whose OAuth check failed: X's not-authorized-for-resource problem.</summary>
    public static IResult Unauthorized() => Results.Json(
        new { title = "Unauthorized", detail = "Unauthorized", type = NotAuthorizedForResourceType, resource_type = "user", status = StatusCodes.Status401Unauthorized },
        contentType: ProblemContentType,
        statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>403 for another user's private resource (their blocks, mutes, or a list they own).</summary>
    public static IResult Forbidden(string resourceType, string id, string detail) => Results.Json(
        new { title = "Forbidden", detail, type = NotAuthorizedForResourceType, resource_type = resourceType, resource_id = id, parameter = "id", value = id, status = StatusCodes.Status403Forbidden },
        contentType: ProblemContentType,
        statusCode: StatusCodes.Status403Forbidden);

    /// <summary>429 once the route's window is spent: the route is unavailable to this user until the reset.</summary>
    public static IResult TooManyRequests() => Results.Json(
        new { title = "Too Many Requests", detail = "Too Many Requests", type = ResourceUnavailableType, resource_type = "endpoint", status = StatusCodes.Status429TooManyRequests },
        contentType: ProblemContentType,
        statusCode: StatusCodes.Status429TooManyRequests);

    /// <summary>A 5xx: X's internal-error problem.</summary>
    public static IResult ServerError(int status, string title) => Results.Json(
        new { title, detail = "Injected failure", type = InternalErrorType, status },
        contentType: ProblemContentType,
        statusCode: status);

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
