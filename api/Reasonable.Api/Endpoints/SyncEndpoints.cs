using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Sync;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Background sync of the accounts the user blocks, mutes and follows. Both routes first fold what the job has
/// fetched into the user's accounts (for a bounded time), since only a request holding the user's keys can.
/// </summary>
public static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sync").WithTags("Sync").RequireAuthorization();
        group.MapPost("/", StartAsync).WithName("StartSync").RequireRateLimit(LimitedAction.SyncStart)
            .WithSummary("Starts a sync from the provider, or returns the sync already under way (it keeps going either way).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", GetAsync).WithName("GetSync")
            .WithSummary("Folds what was fetched into your accounts, then reports the latest sync: its status and each relation's progress.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Accepted<SyncRunResponse>, ProblemHttpResult>> StartAsync(
        CurrentUser current,
        SyncRepository sync,
        SyncFolder folder,
        MasterKeyRing ring,
        IBackgroundJobClient jobs,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        if (await sync.KeysAsync(keys.UserId, cancellationToken) is null)
        {
            var (sealedPublicKey, wrappedSecretKey) = SyncKeys.Create(ring, keys);
            await sync.SetKeysAsync(keys.UserId, sealedPublicKey, wrappedSecretKey, cancellationToken); // a racing request's pair wins; fine
        }

        await folder.FoldAsync(keys, cancellationToken); // completes a finished run, so a new one can start
        var run = await sync.StartAsync(keys.UserId, cancellationToken);
        // Every start puts a worker on the user's live run. A new run needs one; an old one may have lost its job (a
        // Hangfire job that failed for good). Where a worker already has it, the new job finds the user's job lock
        // taken and ends at once; where the run waits for a reset, it schedules itself for then.
        SyncJob.Enqueue(jobs, keys.UserId);
        return TypedResults.Accepted("/api/sync", await SyncRunResponse.LoadAsync(sync, run, cancellationToken));
    }

    private static async Task<Results<Ok<SyncStatusResponse>, ProblemHttpResult>> GetAsync(
        CurrentUser current, SyncRepository sync, SyncFolder folder, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        await folder.FoldAsync(keys, cancellationToken);
        var run = await sync.LatestRunAsync(keys.UserId, cancellationToken);
        return TypedResults.Ok(new SyncStatusResponse(
            run is null ? null : await SyncRunResponse.LoadAsync(sync, run, cancellationToken),
            await sync.PendingPagesAsync(keys.UserId, cancellationToken)));
    }
}
