using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Acting on an account from Reasonable: the provider performs the action, then the account's relation and the reason
/// are stored in one step. If the provider refuses or fails, nothing is stored. An <c>Idempotency-Key</c> header makes
/// a retry after a lost answer return the first outcome instead of acting and writing again.
/// </summary>
public static class ActionEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private static readonly TimeSpan MaxMuteDuration = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapActionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Actions").RequireAuthorization().RequireRateLimit(LimitedAction.Write);
        group.MapPost("/{id:guid}/actions", ActOnAccountAsync).WithName("ActOnAccount")
            .WithSummary("Blocks, mutes or follows one of your accounts on the provider (or undoes it), and stores the reason with it. Send an Idempotency-Key header to retry safely.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/actions", ActOnHandleAsync).WithName("ActOnAccountByHandle")
            .WithSummary("The same, for an account found by its handle on the provider, which need not be in Reasonable yet.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<AccountActionResponse>, ProblemHttpResult>> ActOnAccountAsync(
        Guid id, AccountActionRequest request, HttpRequest http, CurrentUser current, [AsParameters] ActionContext context, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request.Action, request.MuteDurationSeconds, request.Reason, http, current, context, cancellationToken);
        if (prepared.Problem is { } problem)
        {
            return problem;
        }

        var row = await context.Accounts.FindAsync(prepared.Keys!.UserId, id, cancellationToken);
        return row is null ? Problems.NotFound("account") : await ActAsync(prepared, () => Task.FromResult<AccountTarget?>(Known(prepared.Keys, row)), context, cancellationToken);
    }

    private static async Task<Results<Ok<AccountActionResponse>, ProblemHttpResult>> ActOnHandleAsync(
        AccountActionByHandleRequest request, HttpRequest http, CurrentUser current, [AsParameters] ActionContext context, CancellationToken cancellationToken)
    {
        var handle = request.Handle?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(handle) || handle.Length > 300 || handle.Any(char.IsWhiteSpace) || handle.Any(char.IsControl))
        {
            return Problems.Invalid("handle", "handle is the account's name on the provider, such as alice or alice@fedi.example, without spaces.");
        }

        var prepared = await PrepareAsync(request.Action, request.MuteDurationSeconds, request.Reason, http, current, context, cancellationToken);
        if (prepared.Problem is { } problem)
        {
            return problem;
        }

        var keys = prepared.Keys!;
        return await ActAsync(
            prepared,
            async () =>
            {
                var found = await prepared.Provider!.LookupAsync(prepared.Access!, handle, cancellationToken);
                if (found is null)
                {
                    return null;
                }

                var row = await context.Accounts.FindByProviderAccountIdAsync(keys.UserId, BlindIndexes.ProviderAccountId(keys, found.Id), cancellationToken);
                return row is null
                    ? new AccountTarget(null, new AccountDocument(found.Id, found.Handle, found.DisplayName, found.AvatarUrl?.AbsoluteUri, null, null, null, found.ProfileUrl?.AbsoluteUri, found.MovedTo))
                    : Known(keys, row);
            },
            context,
            cancellationToken);
    }

    /// <summary>Checks everything that needs no provider call: keys, action, duration, reason, key, and the provider's support.</summary>
    private static async Task<Prepared> PrepareAsync(
        string? actionWord, int? muteSeconds, ActionReasonRequest? reasonRequest, HttpRequest http, CurrentUser current, ActionContext context, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return new Prepared(Problems.KeysUnavailable());
        }

        if (AccountActionNames.TryParse(actionWord) is not { } action)
        {
            return new Prepared(Problems.Invalid("action", "action must be block, unblock, mute, unmute, follow or unfollow."));
        }

        ReasonInput? reason = null;
        if (reasonRequest is not null)
        {
            reason = ReasonInput.Check(AccountActionNames.Name(action), reasonRequest.Text, reasonRequest.Tags);
            if (reason.Problem is { } reasonProblem)
            {
                return new Prepared(reasonProblem);
            }
        }

        var user = await context.Users.FindAsync(keys.UserId, cancellationToken);
        if (user is null || context.Providers.Find(user.Provider) is not { } provider)
        {
            return new Prepared(Problems.NotFound("user"));
        }

        TimeSpan? muteDuration = null;
        if (muteSeconds is { } seconds)
        {
            if (action != AccountAction.Mute)
            {
                return new Prepared(Problems.Invalid("muteDurationSeconds", "muteDurationSeconds goes only with the mute action."));
            }

            if (!provider.Info.MuteDurations)
            {
                return new Prepared(Problems.Invalid("muteDurationSeconds", $"{provider.Info.DisplayName} has no timed mutes: leave muteDurationSeconds out."));
            }

            if (seconds < 60 || seconds > MaxMuteDuration.TotalSeconds)
            {
                return new Prepared(Problems.Invalid("muteDurationSeconds", "muteDurationSeconds is from 60 (a minute) to 31536000 (a year); leave it out to mute until you unmute."));
            }

            muteDuration = TimeSpan.FromSeconds(seconds);
        }

        if (!provider.Info.Supports(action))
        {
            return new Prepared(Problems.Conflict(
                "action-not-supported",
                $"Reasonable cannot {AccountActionNames.Name(action)} on {provider.Info.DisplayName}",
                provider.Info.ActionsNote ?? $"{provider.Info.DisplayName} does not let Reasonable {AccountActionNames.Name(action)} accounts."));
        }

        var key = http.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return new Prepared(Problems.Invalid(IdempotencyKeyHeader, "The Idempotency-Key header is up to 200 visible ASCII characters, such as a UUID."));
        }

        ProviderAccess access;
        try
        {
            (_, access) = StoredProviderAccess.Open(context.Ring, user, provider);
        }
        catch (CiphertextException)
        {
            return new Prepared(Problems.ProviderAccessUnreadable(provider.Info.DisplayName));
        }

        var keyHash = key.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes($"{keys.UserId:N}\n{key}"));
        return new Prepared(null, keys, provider, access, action, muteDuration, reason, keyHash);
    }

    private static async Task<Results<Ok<AccountActionResponse>, ProblemHttpResult>> ActAsync(
        Prepared prepared, Func<Task<AccountTarget?>> findTarget, ActionContext context, CancellationToken cancellationToken)
    {
        var (keys, provider, access, action) = (prepared.Keys!, prepared.Provider!, prepared.Access!, prepared.Action);
        if (prepared.KeyHash is { } keyHash)
        {
            var claimed = await context.Actions.ClaimAsync(keys.UserId, keyHash, context.Time.GetUtcNow(), cancellationToken);
            if (claimed is not null)
            {
                return await ReplayAsync(keys, claimed, context, cancellationToken);
            }
        }

        try
        {
            var target = await findTarget();
            if (target?.Unreadable == true)
            {
                await ReleaseAsync(prepared, context);
                return Problems.Unreadable("account");
            }

            if (target?.Document is not { } document)
            {
                await ReleaseAsync(prepared, context);
                return Problems.NotFound("account");
            }

            var after = await provider.ActAsync(access, document.ProviderAccountId, action, prepared.MuteDuration, cancellationToken);
            return await RecordAsync(prepared with { After = after }, target, context, cancellationToken);
        }
        catch (ProviderException exception)
        {
            await ReleaseAsync(prepared, context);
            return Problems.Provider(exception, provider.Info.DisplayName);
        }
        catch
        {
            await ReleaseAsync(prepared, context);
            throw;
        }
    }

    /// <summary>Stores the relation change and the reason; re-reads the account if a sync changed it in between.</summary>
    private static async Task<Results<Ok<AccountActionResponse>, ProblemHttpResult>> RecordAsync(
        Prepared prepared, AccountTarget target, ActionContext context, CancellationToken cancellationToken)
    {
        var keys = prepared.Keys!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = DatabaseClock.Now(context.Time);
            var document = Apply(target.Document!, prepared.Action, now, prepared.MuteDuration, prepared.After);
            var accountId = target.Row?.Id ?? Guid.CreateVersion7();
            var row = AccountCipher.Seal(keys, accountId, document, now, target.Row?.CreatedAt ?? now, now);
            ReasonView? reason = null;
            if (prepared.Reason is { } input)
            {
                var content = new ReasonContent(accountId, 1, input.Action, input.Text, input.Tags, now);
                reason = new ReasonView(ReasonCipher.Seal(keys, Guid.NewGuid(), content, now, now), content);
            }

            if (await context.Actions.RecordAsync(row, target.Row is null, target.Row?.UpdatedAt, reason?.Row, prepared.KeyHash, now, cancellationToken))
            {
                return TypedResults.Ok(new AccountActionResponse(
                    AccountResponse.From(new AccountView(row, document, 0, [])), reason is null ? null : ReasonResponse.From(reason)));
            }

            var fresh = target.Row is null
                ? await context.Accounts.FindByProviderAccountIdAsync(keys.UserId, row.ProviderAccountIdIndex, cancellationToken)
                : await context.Accounts.FindAsync(keys.UserId, target.Row.Id, cancellationToken);
            if (fresh is null)
            {
                break;
            }

            target = Known(keys, fresh);
            if (target.Unreadable)
            {
                break;
            }
        }

        // The provider acted; the next sync records the relation. Release the key so a retry can store the reason.
        await ReleaseAsync(prepared, context);
        return Problems.Conflict("account-changed", "The account changed while acting on it", "The provider did it, but Reasonable could not store it because the account kept changing. Try again: the action is safe to repeat.");
    }

    /// <summary>
    /// The account's document after the action. When the provider reported how the user stands to the account
    /// afterwards, every relation follows it (a block can end a follow); otherwise the action's own relation starts
    /// (or is seen again) or ends now.
    /// </summary>
    public static AccountDocument Apply(AccountDocument document, AccountAction action, DateTimeOffset now, TimeSpan? muteDuration, RelationSnapshot? after = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (own, starts) = action switch
        {
            AccountAction.Block => (Relation.Blocked, true),
            AccountAction.Unblock => (Relation.Blocked, false),
            AccountAction.Mute => (Relation.Muted, true),
            AccountAction.Unmute => (Relation.Muted, false),
            AccountAction.Follow => (Relation.Following, true),
            _ => (Relation.Following, false),
        };
        if (after is not null)
        {
            // Only the action's own relation starts by Reasonable's hand; another one the provider reports was already there.
            var blocked = Set(document, Relation.Blocked, after.Blocked, now, null, own == Relation.Blocked);
            var muted = Set(blocked, Relation.Muted, after.Muted, now, after.MuteEndsAt, own == Relation.Muted);
            return Set(muted, Relation.Following, after.Following, now, null, own == Relation.Following);
        }

        return Set(document, own, starts, now, starts && muteDuration is { } duration ? now + duration : null, acted: true);
    }

    private static AccountDocument Set(AccountDocument document, Relation relation, bool active, DateTimeOffset now, DateTimeOffset? expiresAt, bool acted)
    {
        var state = document.Get(relation);
        if (!active)
        {
            return document.With(relation, state?.EndedBy(now));
        }

        return document.With(relation, acted
            ? RelationState.ActedAt(state, now, expiresAt)
            : state?.SeenAt(now, expiresAt) ?? RelationState.Started(now, expiresAt));
    }

    private static async Task<Results<Ok<AccountActionResponse>, ProblemHttpResult>> ReplayAsync(
        UserKeyRing keys, ActionRequestRow claimed, ActionContext context, CancellationToken cancellationToken)
    {
        if (claimed.CompletedAt is null || claimed.AccountId is not { } accountId)
        {
            return Problems.Conflict("action-in-progress", "This action is still under way", "A request with this Idempotency-Key is being carried out. Wait a moment and send it again to get its outcome.");
        }

        var row = await context.Accounts.FindAsync(keys.UserId, accountId, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("account");
        }

        var account = Known(keys, row);
        if (account.Document is not { } document)
        {
            return Problems.Unreadable("account");
        }

        ReasonResponse? reason = null;
        if (claimed.ReasonId is { } reasonId && await context.Reasons.FindAsync(keys.UserId, reasonId, cancellationToken) is { } reasonRow
            && ReasonView.TryOpen(keys, reasonRow) is { } view)
        {
            reason = ReasonResponse.From(view);
        }

        return TypedResults.Ok(new AccountActionResponse(AccountResponse.From(new AccountView(row, document, 0, [])), reason));
    }

    private static async Task ReleaseAsync(Prepared prepared, ActionContext context)
    {
        if (prepared.KeyHash is { } keyHash)
        {
            await context.Actions.ReleaseAsync(prepared.Keys!.UserId, keyHash, CancellationToken.None);
        }
    }

    private static AccountTarget Known(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return new AccountTarget(row, AccountCipher.Open(keys, row));
        }
        catch (CiphertextException)
        {
            return new AccountTarget(row, null, Unreadable: true);
        }
    }

    /// <summary>The account to act on: its row (null when it is not in Reasonable yet) and document (null when unreadable).</summary>
    private sealed record AccountTarget(AccountRow? Row, AccountDocument? Document, bool Unreadable = false);

    private sealed record Prepared(
        ProblemHttpResult? Problem,
        UserKeyRing? Keys = null,
        ISocialProvider? Provider = null,
        ProviderAccess? Access = null,
        AccountAction Action = AccountAction.Block,
        TimeSpan? MuteDuration = null,
        ReasonInput? Reason = null,
        byte[]? KeyHash = null,
        RelationSnapshot? After = null);
}

/// <summary>What the action routes use, as one parameter so each handler stays readable.</summary>
public sealed record ActionContext(
    UserRepository Users,
    AccountRepository Accounts,
    AccountActionRepository Actions,
    ReasonRepository Reasons,
    ProviderDirectory Providers,
    MasterKeyRing Ring,
    TimeProvider Time);
