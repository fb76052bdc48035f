using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Api.Reviews;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Review later: a review date on an account or a reason ("look at this again in 6 months"), and the list of what is
/// due, oldest first, with timed mutes that end within a week. Review dates are plain dates in the database (so what
/// is due is found by index); everything shown with them is opened with the user's keys.
/// </summary>
public static class ReviewEndpoints
{
    private const int ScanBatch = 500;

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Review").RequireAuthorization();
        reviews.MapGet("/", ListAsync).WithName("ListReviews")
            .WithSummary("What is due for review, oldest first: review dates on or before until (your today), and timed mutes that end within a week. due counts them all.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);

        var accounts = app.MapGroup("/api/accounts/{id:guid}/review").WithTags("Review").RequireAuthorization();
        accounts.MapGet("/", GetForAccountAsync).WithName("GetAccountReview")
            .WithSummary("The review dates on one account and on each of its reasons.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPut("/", SetForAccountAsync).WithName("SetAccountReview").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Sets the day to look at this account again (reviewOn, today to 10 years ahead); null clears it (dismiss).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        accounts.MapPost("/mute-end", MuteEndReviewedAsync).WithName("ReviewMuteEnd").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Says you have looked at the end of this account's timed mute: it leaves Review (a new mute with another end comes back).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapGroup("/api/reasons/{id:guid}/review").WithTags("Review").RequireAuthorization()
            .MapPut("/", SetForReasonAsync).WithName("SetReasonReview").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Sets the day to look at this reason again (reviewOn, today to 10 years ahead); null clears it (dismiss). The reason's version does not change.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<LargeOk<ReviewPageResponse>, ProblemHttpResult>> ListAsync(
        CurrentUser current, ReviewRepository reviews, ReasonRepository reasons, TimeProvider time,
        [FromQuery] string? until, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (day, untilProblem) = ReviewDates.ReadUntil(until, ReviewDates.Today(time));
        if (untilProblem is not null)
        {
            return untilProblem;
        }

        var (pageSize, limitProblem) = AccountEndpoints.ReadPageSize(limit);
        if (limitProblem is not null)
        {
            return limitProblem;
        }

        var (dated, datedTotal) = await reviews.DueAsync(keys.UserId, day, pageSize, cancellationToken);
        var unreadable = 0;
        var mutes = new List<(DateOnly DueOn, AccountRow Row, AccountDocument Document)>();
        await foreach (var (row, document) in EndingMutesAsync(keys, reviews, day, time.GetUtcNow(), () => unreadable++, cancellationToken))
        {
            mutes.Add((MuteDueOn(document.Muted!), row, document));
        }

        var accountIds = dated.Select(review => review.AccountId).ToHashSet();
        var accountRows = (await reviews.AccountsAsync(keys.UserId, accountIds, cancellationToken)).ToDictionary(row => row.Id);
        var documents = new Dictionary<Guid, AccountDocument>();
        foreach (var row in accountRows.Values)
        {
            if (TryOpen(keys, row) is { } document)
            {
                documents[row.Id] = document;
            }
        }

        foreach (var (_, row, document) in mutes)
        {
            accountRows[row.Id] = row;
            documents[row.Id] = document;
        }

        var timelines = (await reasons.ListForAccountsAsync(keys.UserId, documents.Keys, cancellationToken))
            .GroupBy(reason => reason.AccountId)
            .ToDictionary(group => group.Key, group => ReasonView.Timeline(group.Select(reason => ReasonView.TryOpen(keys, reason)).OfType<ReasonView>()));

        var items = new List<ReviewItemResponse>();
        foreach (var review in dated)
        {
            var timeline = timelines.GetValueOrDefault(review.AccountId) ?? [];
            if (!documents.TryGetValue(review.AccountId, out var document)
                || (review.ReasonId is { } reasonId && !timeline.Any(reason => reason.Row.Id == reasonId)))
            {
                unreadable++; // the account or the reason failed its integrity check: never shown
                continue;
            }

            var kind = review.ReasonId is null ? ReviewItemResponse.AccountKind : ReviewItemResponse.ReasonKind;
            items.Add(Item(kind, DateOnly.FromDateTime(review.ReviewOn), accountRows[review.AccountId], document, review.ReasonId, timeline));
        }

        items.AddRange(mutes.Select(mute => Item(ReviewItemResponse.MuteEndsKind, mute.DueOn, mute.Row, mute.Document, null, timelines.GetValueOrDefault(mute.Row.Id) ?? [])));
        var ordered = items.OrderBy(item => item.DueOn).ThenBy(item => item.Account.Id).Take(pageSize).ToList();
        return new LargeOk<ReviewPageResponse>(new ReviewPageResponse(ordered, datedTotal + mutes.Count, unreadable), ResponseJson.Default.ReviewPageResponse);
    }

    private static async Task<Results<Ok<AccountReviewResponse>, ProblemHttpResult>> GetForAccountAsync(
        Guid id, CurrentUser current, AccountRepository accounts, ReviewRepository reviews, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        if (await accounts.FindAsync(keys.UserId, id, cancellationToken) is null)
        {
            return Problems.NotFound("account");
        }

        var dates = await reviews.ForAccountAsync(keys.UserId, id, cancellationToken);
        var own = dates.FirstOrDefault(review => review.ReasonId is null);
        return TypedResults.Ok(new AccountReviewResponse(
            own is null ? null : DateOnly.FromDateTime(own.ReviewOn),
            [.. dates.Where(review => review.ReasonId is not null).Select(review => new ReasonReviewResponse(review.ReasonId!.Value, DateOnly.FromDateTime(review.ReviewOn)))]));
    }

    private static Task<Results<Ok<ReviewDateResponse>, ProblemHttpResult>> SetForAccountAsync(
        Guid id, ReviewDateRequest request, CurrentUser current, ReviewRepository reviews, TimeProvider time, CancellationToken cancellationToken) =>
        SetAsync("account", request, current, time, (userId, day) => reviews.SetAccountAsync(userId, id, day, cancellationToken));

    private static Task<Results<Ok<ReviewDateResponse>, ProblemHttpResult>> SetForReasonAsync(
        Guid id, ReviewDateRequest request, CurrentUser current, ReviewRepository reviews, TimeProvider time, CancellationToken cancellationToken) =>
        SetAsync("reason", request, current, time, (userId, day) => reviews.SetReasonAsync(userId, id, day, cancellationToken));

    /// <summary>Checks the date and stores it with <paramref name="store"/>, which answers false when the user has no such <paramref name="what"/>.</summary>
    private static async Task<Results<Ok<ReviewDateResponse>, ProblemHttpResult>> SetAsync(
        string what, ReviewDateRequest request, CurrentUser current, TimeProvider time, Func<Guid, DateOnly?, Task<bool>> store)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        if (ReviewDates.Check(request.ReviewOn, ReviewDates.Today(time)) is { } problem)
        {
            return problem;
        }

        return await store(keys.UserId, request.ReviewOn) ? TypedResults.Ok(new ReviewDateResponse(request.ReviewOn)) : Problems.NotFound(what);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MuteEndReviewedAsync(
        Guid id, CurrentUser current, AccountRepository accounts, ReviewRepository reviews, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await accounts.FindAsync(keys.UserId, id, cancellationToken);
            if (row is null)
            {
                return Problems.NotFound("account");
            }

            if (TryOpen(keys, row) is not { } document)
            {
                return Problems.Unreadable("account");
            }

            if (document.Muted is not { Active: true, ExpiresAt: { } endsAt })
            {
                return Problems.Conflict("no-timed-mute", "This account is not muted for a while", "Only a mute with an end appears in Review by itself; this account has none now. Reload it to see how it stands.");
            }

            if (document.MuteEndReviewed == endsAt)
            {
                return TypedResults.NoContent();
            }

            var sealedRow = AccountCipher.Seal(keys, row.Id, document with { MuteEndReviewed = endsAt }, row.LastActivityAt, row.CreatedAt, DatabaseClock.Now(time));
            if (await reviews.ReplaceAccountAsync(sealedRow, row.UpdatedAt, cancellationToken))
            {
                return TypedResults.NoContent();
            }
        }

        return Problems.Conflict("account-changed", "The account changed while saving", "A sync kept changing this account. Try again in a moment.");
    }

    /// <summary>Timed mutes active now that end within a week of <paramref name="until"/> and were not looked at yet, by the muted blind index then the opened document.</summary>
    private static async IAsyncEnumerable<(AccountRow Row, AccountDocument Document)> EndingMutesAsync(
        UserKeyRing keys, ReviewRepository reviews, DateOnly until, DateTimeOffset now, Action unreadable,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = BlindIndexes.Relation(keys, Relation.Muted);
        var after = Guid.Empty;
        while (true)
        {
            var batch = await reviews.WithRelationAsync(keys.UserId, index, after, ScanBatch, cancellationToken);
            foreach (var row in batch)
            {
                if (TryOpen(keys, row) is not { } document)
                {
                    unreadable();
                }
                else if (document.Muted is { Active: true, ExpiresAt: { } endsAt } muted && endsAt > now
                    && MuteDueOn(muted) <= until && document.MuteEndReviewed != endsAt)
                {
                    yield return (row, document);
                }
            }

            if (batch.Count < ScanBatch)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>A timed mute is due a week before it ends, or on the day it began if that is later.</summary>
    private static DateOnly MuteDueOn(RelationState muted)
    {
        var notice = DateOnly.FromDateTime((muted.ExpiresAt!.Value - ReviewDates.MuteNotice).UtcDateTime);
        var began = DateOnly.FromDateTime(muted.Since.UtcDateTime);
        return notice > began ? notice : began;
    }

    private static ReviewItemResponse Item(string kind, DateOnly dueOn, AccountRow row, AccountDocument document, Guid? reasonId, IReadOnlyList<ReasonView> timeline) => new(
        kind,
        dueOn,
        AccountResponse.From(new AccountView(row, document, timeline.Count, timeline)),
        reasonId,
        kind == ReviewItemResponse.MuteEndsKind ? document.Muted?.ExpiresAt : null,
        [.. timeline.Select(ReasonResponse.From)]);

    private static AccountDocument? TryOpen(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return AccountCipher.Open(keys, row);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }
}
