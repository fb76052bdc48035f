using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Http;

/// <summary>
/// Every error the API answers with, as RFC 9457 problem details whose detail says what the caller can do.
/// Types are relative URIs under /problems/ so clients can switch on them.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", $"There is no {what} with that id.");

    /// <summary>Some ids of a bulk request are not the user's accounts (missing or another user's: the same answer); nothing was written.</summary>
    public static ProblemHttpResult AccountsNotFound(IReadOnlyList<Guid> ids) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: "/problems/accounts-not-found",
        title: "Some of these accounts are not yours",
        detail: $"{ids.Count} of the ids in accountIds are not among your accounts (listed in notFound), so nothing was changed. Remove them and send the request again.",
        extensions: new Dictionary<string, object?> { ["notFound"] = ids });

    public static ProblemHttpResult KeysUnavailable() => Problem(
        StatusCodes.Status409Conflict,
        "key-list-needs-attention",
        "Your key list needs attention",
        "Your notes cannot be opened until your key list is restored. GET /api/me says what happened; restore it with your recovery code (POST /api/me/recovery/restore) or sign in again once the list is back.");

    public static ProblemHttpResult Invalid(string field, string message) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: "/problems/invalid-request",
        title: "The request is not valid",
        detail: message,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemHttpResult Conflict(string type, string title, string detail) =>
        Problem(StatusCodes.Status409Conflict, type, title, detail);

    /// <summary>A stored value failed its integrity check (changed or moved outside Reasonable): never shown.</summary>
    public static ProblemHttpResult Unreadable(string what) => Problem(
        StatusCodes.Status409Conflict,
        "stored-data-unreadable",
        $"This {what} cannot be opened",
        $"This {what} failed its integrity check, so it is not shown: it was changed outside Reasonable. You can delete it; nothing else is affected.");

    /// <summary>An edit based on an old version (another tab or script saved first): 412 with the current version.</summary>
    public static ProblemHttpResult EditConflict(string what, int currentVersion, object current) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        type: "/problems/edit-conflict",
        title: $"This {what} changed since you opened it",
        detail: $"Someone (another tab or script) saved version {currentVersion} of this {what} after the version you edited. Review the current text below, then save again with version {currentVersion}.",
        extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion, ["current"] = current });

    public static ProblemHttpResult VersionRequired(string what) => Problem(
        StatusCodes.Status428PreconditionRequired,
        "version-required",
        "Say which version you are changing",
        $"Send the {what}'s version in an If-Match header (its ETag) or in the body's version field, so an edit made elsewhere is never silently overwritten.");

    /// <summary>The provider access sealed in the users row does not open: only a new sign-in replaces it.</summary>
    public static ProblemHttpResult ProviderAccessUnreadable(string name) =>
        Conflict("provider-access-unreadable", $"Reasonable cannot open your {name} sign-in", $"Sign in with {name} again, then try once more.");

    public static ProblemHttpResult Forbidden(string type, string title, string detail) =>
        Problem(StatusCodes.Status403Forbidden, type, title, detail);

    /// <summary>A provider call failed: 503 (retry later, with Retry-After when known) or 502 (the provider refused).</summary>
    public static ProblemHttpResult Provider(ProviderException exception, string name)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Failure switch
        {
            ProviderFailure.Revoked => Problem(
                StatusCodes.Status409Conflict, "provider-access-revoked", $"Reasonable no longer has access to your {name} account",
                $"{name} says Reasonable's access was revoked. Sign in with {name} again to grant it."),
            ProviderFailure.RateLimited => Problem(
                StatusCodes.Status503ServiceUnavailable, "provider-rate-limited", $"{name} asks us to slow down",
                $"{name}'s rate limit for this is used up{Until(exception.RetryAt)}. Try again then.", exception.RetryAt),
            ProviderFailure.NoRoom => Problem(
                StatusCodes.Status409Conflict, "provider-no-room", $"Your {name} account has no room for Reasonable's key list",
                $"Your {name} account already has as many lists as {name} allows. Delete a list you no longer need on {name}, then try again."),
            ProviderFailure.Rejected => Problem(
                StatusCodes.Status502BadGateway, "provider-refused", $"{name} refused the request",
                $"{name} refused a request Reasonable made for you. If it keeps happening, sign in with {name} again."),
            _ => Problem(
                StatusCodes.Status503ServiceUnavailable, "provider-unavailable", $"{name} is not answering",
                $"{name} did not answer properly. Try again in a minute."),
        };
    }

    private static string Until(DateTimeOffset? retryAt) =>
        retryAt is { } at ? $" until {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : string.Empty;

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, DateTimeOffset? retryAt = null) =>
        TypedResults.Problem(
            statusCode: status,
            type: $"/problems/{type}",
            title: title,
            detail: detail,
            extensions: retryAt is { } at ? new Dictionary<string, object?> { ["retryAt"] = at } : null);
}
