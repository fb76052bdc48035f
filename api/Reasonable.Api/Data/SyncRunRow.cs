namespace Reasonable.Api.Data;

/// <summary>A sync_runs row: one sync of one user (status values in <see cref="SyncStates"/>).</summary>
public sealed record SyncRunRow
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? LastError { get; init; }
}
