using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Reasons: dated notes about an account (action, text, tags), encrypted under the user's data key. Edits and
/// deletes name the version they are based on (ETag + If-Match, or a version field), so two tabs cannot silently
/// overwrite each other: a stale edit is a 412 that carries the current reason.
/// </summary>
public static class ReasonEndpoints
{
    public static IEndpointRouteBuilder MapReasonEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reasons").WithTags("Reasons").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateReason").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Writes a reason about one of your accounts. The response's ETag is its version.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetReason").WithSummary("One reason; its ETag header is its version.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateReason").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Replaces a reason's action, text and tags if it is still at the version you name (If-Match or version); else 412 with the current reason.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteReason").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Deletes a reason; with If-Match, only if it is still at that version.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Created<ReasonResponse>, ProblemHttpResult>> CreateAsync(
        CreateReasonRequest request, CurrentUser current, ReasonRepository reasons, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        if (request.AccountId is not { } accountId || accountId == Guid.Empty)
        {
            return Problems.Invalid("accountId", "accountId is the id of one of your accounts (from GET /api/accounts).");
        }

        var input = ReasonInput.Check(request.Action, request.Text, request.Tags);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var (occurredAt, dateProblem) = ReasonDates.CheckOccurredAt(request.OccurredAt, now, now);
        if (dateProblem is not null)
        {
            return dateProblem;
        }

        var id = Guid.NewGuid();
        var content = new ReasonContent(accountId, 1, input.Action, input.Text, input.Tags, occurredAt);
        var row = ReasonCipher.Seal(keys, id, content, now, now);
        if (!await reasons.CreateAsync(row, cancellationToken))
        {
            return Problems.Invalid("accountId", "There is no account with that id among yours.");
        }

        response.Headers.ETag = EntityVersion.ETag(row.Version);
        return TypedResults.Created($"/api/reasons/{id}", ReasonResponse.From(new ReasonView(row, content)));
    }

    private static async Task<Results<Ok<ReasonResponse>, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser current, ReasonRepository reasons, HttpResponse response, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var row = await reasons.FindAsync(keys.UserId, id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("reason");
        }

        if (ReasonView.TryOpen(keys, row) is not { } view)
        {
            return Problems.Unreadable("reason");
        }

        response.Headers.ETag = EntityVersion.ETag(row.Version);
        return TypedResults.Ok(ReasonResponse.From(view));
    }

    private static async Task<Results<Ok<ReasonResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateReasonRequest request, CurrentUser current, ReasonRepository reasons, TimeProvider time,
        HttpRequest http, HttpResponse response, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (expected, versionProblem) = EntityVersion.Expected(http, request.Version);
        if (versionProblem is not null)
        {
            return versionProblem;
        }

        var input = ReasonInput.Check(request.Action, request.Text, request.Tags);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        var existing = await reasons.FindAsync(keys.UserId, id, cancellationToken);
        if (existing is null)
        {
            return Problems.NotFound("reason");
        }

        if (expected is null)
        {
            return Problems.VersionRequired("reason");
        }

        if (!expected.Matches(existing.Version))
        {
            return await ConflictAsync(keys, reasons, id, cancellationToken);
        }

        var now = time.GetUtcNow();
        // No occurredAt keeps the date the reason has (or, if it no longer opens, the day it was written).
        var (occurredAt, dateProblem) = ReasonDates.CheckOccurredAt(
            request.OccurredAt, ReasonView.TryOpen(keys, existing)?.OccurredAt ?? existing.CreatedAt, now);
        if (dateProblem is not null)
        {
            return dateProblem;
        }

        var content = new ReasonContent(existing.AccountId, existing.Version + 1, input.Action, input.Text, input.Tags, occurredAt);
        var row = ReasonCipher.Seal(keys, id, content, existing.CreatedAt, now);
        if (!await reasons.UpdateAsync(row, existing.Version, cancellationToken))
        {
            // Someone saved (or deleted) it between our read and our write.
            return await ConflictAsync(keys, reasons, id, cancellationToken);
        }

        response.Headers.ETag = EntityVersion.ETag(row.Version);
        return TypedResults.Ok(ReasonResponse.From(new ReasonView(row, content)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CurrentUser current, ReasonRepository reasons, HttpRequest http, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (expected, versionProblem) = EntityVersion.Expected(http, null);
        if (versionProblem is not null)
        {
            return versionProblem;
        }

        if (expected is null || expected.AnyVersion)
        {
            return await reasons.DeleteAsync(keys.UserId, id, null, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("reason");
        }

        var version = expected.SingleVersion;
        if (version is null)
        {
            // Several tags, or none that can match: compare with the version stored now.
            var existing = await reasons.FindAsync(keys.UserId, id, cancellationToken);
            if (existing is null)
            {
                return Problems.NotFound("reason");
            }

            if (!expected.Matches(existing.Version))
            {
                return await ConflictAsync(keys, reasons, id, cancellationToken);
            }

            version = existing.Version;
        }

        return await reasons.DeleteAsync(keys.UserId, id, version, cancellationToken)
            ? TypedResults.NoContent()
            : await ConflictAsync(keys, reasons, id, cancellationToken);
    }

    /// <summary>412 with the reason as it is now, or 404 when it was deleted meanwhile.</summary>
    private static async Task<ProblemHttpResult> ConflictAsync(UserKeyRing keys, ReasonRepository reasons, Guid id, CancellationToken cancellationToken)
    {
        var current = await reasons.FindAsync(keys.UserId, id, cancellationToken);
        if (current is null)
        {
            return Problems.NotFound("reason");
        }

        return ReasonView.TryOpen(keys, current) is { } view
            ? Problems.EditConflict("reason", current.Version, ReasonResponse.From(view))
            : Problems.Unreadable("reason");
    }
}

/// <summary>
/// A reason as stored: <c>version</c> goes up by one on every edit and is also the ETag. <c>occurredAt</c> is when
/// it happened (as you dated it; by default when it was written); <c>createdAt</c> is when it was written.
/// </summary>
public sealed record ReasonResponse(
    Guid Id, Guid AccountId, string Action, string Text, IReadOnlyList<string> Tags, int Version, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ReasonResponse From(ReasonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var content = view.Content;
        return new ReasonResponse(
            view.Row.Id, view.Row.AccountId, content.Action, content.Text, content.Tags, view.Row.Version, view.OccurredAt, view.Row.CreatedAt, view.Row.UpdatedAt);
    }
}

/// <summary>
/// A new reason about one of your accounts. <c>action</c>: block, mute, follow, unblock, unmute, unfollow or other;
/// <c>text</c>: 1–10,000 characters; <c>tags</c>: up to 20, each 1–50 characters, matched case-insensitively;
/// <c>occurredAt</c>: when it happened (1990 until today; default now), such as 2021-06-01.
/// </summary>
public sealed record CreateReasonRequest([property: Required] Guid? AccountId, [property: Required] string? Action, [property: Required] string? Text, IReadOnlyList<string?>? Tags, DateTimeOffset? OccurredAt = null);

/// <summary>
/// The reason's new action, text and tags, and the version you edited (or send it as If-Match). Without
/// <c>occurredAt</c> the reason keeps its date.
/// </summary>
public sealed record UpdateReasonRequest([property: Required] string? Action, [property: Required] string? Text, IReadOnlyList<string?>? Tags, int? Version, DateTimeOffset? OccurredAt = null);
