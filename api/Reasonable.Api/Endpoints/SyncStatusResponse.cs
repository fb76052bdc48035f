namespace Reasonable.Api.Endpoints;

/// <summary>
/// The latest sync (null before the first) and how many fetched pages still wait to be folded into your accounts:
/// keep polling GET /api/sync while the run is live or pages are pending.
/// </summary>
public sealed record SyncStatusResponse(SyncRunResponse? LatestRun, int PendingPages);
