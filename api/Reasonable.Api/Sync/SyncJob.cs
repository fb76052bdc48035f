using System.Text.Json;
using Hangfire;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Sync;

/// <summary>
/// The background sync of one user, run by Hangfire with the user's id as its only argument. It fetches the user's
/// live run relation by relation, page by page from the stored cursor, seals each page to the user's sync public key
/// and commits it with the relation's progress. It never holds the user's data keys, so it cannot read what it
/// stored. Rate limits and provider failures reschedule it; it returns (rather than throws) whenever it is done for now.
/// </summary>
public sealed class SyncJob(
    SyncRepository sync,
    UserRepository users,
    ProviderDirectory providers,
    MasterKeyRing ring,
    IBackgroundJobClient jobs,
    SyncOptions options,
    TimeProvider time,
    ILogger<SyncJob> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Enqueues the job for a user now.</summary>
    public static void Enqueue(IBackgroundJobClient jobs, Guid userId) =>
        jobs.Enqueue<SyncJob>(job => job.RunAsync(userId, CancellationToken.None));

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var jobLock = await sync.TryLockJobAsync(userId, cancellationToken);
        if (jobLock is null)
        {
            return; // another worker is syncing this user; it will finish or reschedule the run
        }

        var user = await users.FindAsync(userId, cancellationToken);
        var run = user is null ? null : await sync.LiveRunAsync(userId, cancellationToken);
        if (user is null || run is null)
        {
            return; // the user was deleted, or the run finished or failed meanwhile
        }

        var provider = providers.Find(user.Provider);
        var keys = await sync.KeysAsync(userId, cancellationToken);
        if (provider is null || keys is null)
        {
            await sync.FailAsync(run.Id, null, "Sync is not available for this account right now. Start it again later.", cancellationToken);
            return;
        }

        ProviderAccess providerAccess;
        byte[] publicKey;
        try
        {
            (_, providerAccess) = StoredProviderAccess.Open(ring, user, provider);
            publicKey = SyncKeys.OpenPublicKey(ring, userId, keys.Value.SealedPublicKey);
        }
        catch (CiphertextException)
        {
            await sync.FailAsync(run.Id, null, $"Reasonable cannot open your stored {provider.Info.DisplayName} sign-in. Sign in again, then start the sync again.", cancellationToken);
            return;
        }

        await sync.MarkRunningAsync(run.Id, cancellationToken);
        var access = new Access(provider, providerAccess, publicKey, userId, run.Id);
        foreach (var relation in await sync.RelationsAsync(run.Id, cancellationToken))
        {
            if (relation.Phase is SyncStates.Fetched or SyncStates.Folded)
            {
                continue;
            }

            if (!await FetchAsync(access, relation, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Fetches one relation to its end; false when the run must stop here for now (waiting, failed or gone).</summary>
    private async Task<bool> FetchAsync(Access access, SyncRelationRow relation, CancellationToken cancellationToken)
    {
        if (relation.WaitingUntil is { } until && until > time.GetUtcNow())
        {
            Schedule(access.UserId, until); // woken early: wait out the rest
            return false;
        }

        await sync.MarkFetchingAsync(access.RunId, relation.Relation, cancellationToken);
        var cursor = relation.Cursor;
        var page = relation.Pages;
        var attempts = relation.Attempts;
        while (true)
        {
            RelationPage fetched;
            try
            {
                fetched = await access.Provider.GetRelationPageAsync(
                    access.ProviderAccess, RelationNames.Parse(relation.Relation), cursor, cancellationToken);
            }
            catch (ProviderException exception)
            {
                await HandleFailureAsync(access, relation.Relation, attempts + 1, exception, cancellationToken);
                return false;
            }

            var payload = JsonSerializer.SerializeToUtf8Bytes(
                fetched.Accounts.Select(SyncedAccount.From), Json);
            var sealedPage = SyncSeal.Seal(access.PublicKey, new SyncPageBinding(access.UserId, access.RunId, relation.Relation, page), payload);
            if (!await sync.CommitPageAsync(
                access.UserId, access.RunId, relation.Relation, page, sealedPage, fetched.Accounts.Count, fetched.NextCursor, cancellationToken))
            {
                return false; // the run is no longer live (failed, deleted) or someone else moved it on
            }

            if (fetched.NextCursor is null)
            {
                return true;
            }

            (cursor, page, attempts) = (fetched.NextCursor, page + 1, 0);
            if (fetched.RateLimit is { Remaining: <= 0 } limit)
            {
                await WaitAsync(access, relation.Relation, RateLimitWait(limit.ResetsAt, TimeSpan.Zero), 0, null, cancellationToken);
                return false;
            }
        }
    }

    private async Task HandleFailureAsync(Access access, string relation, int attempts, ProviderException exception, CancellationToken cancellationToken)
    {
        var name = access.Provider.Info.DisplayName;
        switch (exception.Failure)
        {
            case ProviderFailure.RateLimited:
                // Refused: never straight back, even when the reset it names has passed (clocks disagree).
                await WaitAsync(access, relation, RateLimitWait(exception.RetryAt, options.RetryBase), 0, null, cancellationToken);
                break;
            case ProviderFailure.Unavailable when attempts < options.RetryAttempts:
                var error = $"{name} did not answer properly ({exception.Message}); trying again (attempt {attempts + 1} of {options.RetryAttempts}).";
                await WaitAsync(access, relation, time.GetUtcNow() + options.RetryDelay(attempts), attempts, error, cancellationToken);
                break;
            case ProviderFailure.Unavailable:
                await sync.FailAsync(access.RunId, relation, $"{name} did not answer properly {attempts} times in a row ({exception.Message}). Start the sync again later.", cancellationToken);
                break;
            case ProviderFailure.Revoked:
                await sync.FailAsync(access.RunId, relation, $"{name} says Reasonable's access was revoked. Sign in with {name} again, then start the sync again.", cancellationToken);
                break;
            default:
                await sync.FailAsync(access.RunId, relation, $"{name} refused to list your {RelationNames.Describe(RelationNames.Parse(relation))} ({exception.Message}). Sign in with {name} again, then start the sync again.", cancellationToken);
                break;
        }

        logger.LogInformation("Sync run {RunId}: {Relation} stopped with {Failure} from the provider.", access.RunId, relation, exception.Failure);
    }

    /// <summary>
    /// Until when to wait for a rate-limit reset the provider named (or a retry delay when it named none): at least
    /// <paramref name="atLeast"/>, at most <see cref="SyncOptions.MaxRateLimitWait"/>, so a reset far in the future
    /// (a wrong clock, a hostile instance) cannot hold the user's run for longer than that.
    /// </summary>
    private DateTimeOffset RateLimitWait(DateTimeOffset? resetsAt, TimeSpan atLeast)
    {
        var now = time.GetUtcNow();
        var until = resetsAt ?? now + SyncOptions.MaxRetryDelay;
        return until < now + atLeast ? now + atLeast
            : until > now + SyncOptions.MaxRateLimitWait ? now + SyncOptions.MaxRateLimitWait
            : until;
    }

    private async Task WaitAsync(Access access, string relation, DateTimeOffset until, int attempts, string? error, CancellationToken cancellationToken)
    {
        // Recorded first: if this process dies before scheduling, Hangfire runs this job again and it schedules then.
        await sync.WaitAsync(access.RunId, relation, until, attempts, error, cancellationToken);
        Schedule(access.UserId, until);
    }

    /// <summary>Runs the job again at <paramref name="at"/> (plus a second, since some reset times are whole seconds).</summary>
    private void Schedule(Guid userId, DateTimeOffset at) =>
        jobs.Schedule<SyncJob>(job => job.RunAsync(userId, CancellationToken.None), at + TimeSpan.FromSeconds(1));

    private sealed record Access(
        ISocialProvider Provider, ProviderAccess ProviderAccess, byte[] PublicKey, Guid UserId, Guid RunId);
}
