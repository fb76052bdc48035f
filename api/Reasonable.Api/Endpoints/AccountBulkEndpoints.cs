using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Api.Reviews;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// One change to up to 500 of the user's accounts in one request and one transaction: a review date, and/or one
/// reason written to each. Any id that is not one of the user's accounts (missing, or someone else's: the same
/// answer) refuses the whole request, naming those ids, and nothing is written.
/// </summary>
public static class AccountBulkEndpoints
{
    public const int MaxAccounts = 500;

    public static IEndpointRouteBuilder MapAccountBulkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/accounts/bulk").WithTags("Accounts").RequireAuthorization()
            .MapPost("/", ApplyAsync).WithName("BulkUpdateAccounts").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Sets a review date on, and/or writes one reason to, up to 500 of your accounts at once: all or nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<BulkAccountsResponse>, ProblemHttpResult>> ApplyAsync(
        BulkAccountsRequest request, CurrentUser current, AccountBulkRepository bulk, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var ids = (request.AccountIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > MaxAccounts || ids.Contains(Guid.Empty))
        {
            return Problems.Invalid("accountIds", $"accountIds lists 1 to {MaxAccounts} of your account ids (from GET /api/accounts); send more in several requests.");
        }

        if (request.SetReview != true && request.Reason is null)
        {
            return Problems.Invalid("reason", "Say what to do: a reason to write to each account, and/or setReview with reviewOn (null clears it).");
        }

        var now = DatabaseClock.Now(time);
        if (request.SetReview == true && ReviewDates.Check(request.ReviewOn, ReviewDates.Today(time)) is { } reviewProblem)
        {
            return reviewProblem;
        }

        var reasons = new List<ReasonRow>();
        if (request.Reason is { } reason)
        {
            var input = ReasonInput.Check(reason.Action, reason.Text, reason.Tags);
            if (input.Problem is { } problem)
            {
                return problem;
            }

            var (occurredAt, dateProblem) = ReasonDates.CheckOccurredAt(reason.OccurredAt, now, now);
            if (dateProblem is not null)
            {
                return dateProblem;
            }

            reasons.AddRange(ids.Select(accountId =>
                ReasonCipher.Seal(keys, Guid.NewGuid(), new ReasonContent(accountId, 1, input.Action, input.Text, input.Tags, occurredAt), now, now)));
        }

        var missing = await bulk.ApplyAsync(keys.UserId, ids, request.SetReview == true, request.ReviewOn, reasons, now, cancellationToken);
        if (missing.Count > 0)
        {
            return Problems.AccountsNotFound(missing);
        }

        return TypedResults.Ok(new BulkAccountsResponse(ids.Count, [.. reasons.Select(row => row.Id)]));
    }
}

/// <summary>
/// Up to 500 of your account ids, and what to do to each: <c>reason</c> (one new reason written to every account, as
/// POST /api/reasons takes it) and/or <c>setReview</c> with <c>reviewOn</c> (a date, or null to clear it).
/// </summary>
public sealed record BulkAccountsRequest([property: Required] IReadOnlyList<Guid>? AccountIds, BulkReasonRequest? Reason, bool? SetReview, DateOnly? ReviewOn);

/// <summary>The reason to write to each account: action, text, tags and when it happened (default now).</summary>
public sealed record BulkReasonRequest([property: Required] string? Action, [property: Required] string? Text, IReadOnlyList<string?>? Tags, DateTimeOffset? OccurredAt = null);

/// <summary>How many accounts were changed, and the new reasons' ids (one per account, in the order of accountIds; empty without a reason).</summary>
public sealed record BulkAccountsResponse(int Accounts, IReadOnlyList<Guid> ReasonIds);
