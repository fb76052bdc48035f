namespace Reasonable.Api.Data;

/// <summary>The values of sync_runs.status and sync_relations.phase (migration 0003 checks them).</summary>
public static class SyncStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public const string Pending = "pending";
    public const string Fetching = "fetching";
    public const string Fetched = "fetched";
    public const string Folded = "folded";

    /// <summary>Run statuses that still have work to do; a user has at most one such run.</summary>
    public static IReadOnlyList<string> Live { get; } = [Queued, Running, Waiting];
}
