namespace Reasonable.Sandbox.Mastodon.Responses;

/// <summary>Mastodon's error bodies: always <c>{"error":"…"}</c>, with <c>error_description</c> on OAuth errors. Never problem JSON.</summary>
public static class MastodonErrors
{
    public static IResult Error(int status, string error) => Results.Json(new { error }, statusCode: status);

    /// <summary>Doorkeeper's OAuth errors (RFC 6749 §5.2), e.g. 400 <c>invalid_grant</c>.</summary>
    public static IResult OAuth(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    public static IResult InvalidToken() => Error(StatusCodes.Status401Unauthorized, "The access token is invalid");

    public static IResult OutsideScopes() => Error(StatusCodes.Status403Forbidden, "This action is outside the authorized scopes");

    public static IResult UserRequired() => Error(StatusCodes.Status422UnprocessableEntity, "This method requires an authenticated user");

    public static IResult RecordNotFound() => Error(StatusCodes.Status404NotFound, "Record not found");

    public static IResult RouteNotFound() => Error(StatusCodes.Status404NotFound, "Not Found");

    public static IResult NotAllowed() => Error(StatusCodes.Status403Forbidden, "This action is not allowed");

    public static IResult TooManyRequests() => Error(StatusCodes.Status429TooManyRequests, "Too many requests");

    /// <summary>Rails' <c>RecordInvalid</c>: 422 "Validation failed: " and the model's messages joined by ", ".</summary>
    public static IResult ValidationFailed(IEnumerable<string> messages) =>
        Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: " + string.Join(", ", messages));

    public static IResult ValidationFailed(string message) => ValidationFailed([message]);
}
