using Reasonable.Api.Data;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// One sync: <c>status</c> is queued, running, waiting (for a rate-limit reset or a retry), completed (everything
/// fetched and folded into your accounts) or failed (<c>lastError</c> says what to do).
/// </summary>
public sealed record SyncRunResponse(
    Guid Id,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? LastError,
    IReadOnlyList<SyncRelationResponse> Relations)
{
    internal static async Task<SyncRunResponse> LoadAsync(SyncRepository sync, SyncRunRow run, CancellationToken cancellationToken)
    {
        var relations = await sync.RelationsAsync(run.Id, cancellationToken);
        return new SyncRunResponse(
            run.Id,
            run.Status,
            run.RequestedAt,
            run.StartedAt,
            run.FinishedAt,
            run.LastError,
            [.. relations.Select(relation => new SyncRelationResponse(
                relation.Relation, relation.Phase, relation.Fetched, relation.Folded, relation.Pages, relation.WaitingUntil, relation.LastError, relation.Attempts))]);
    }
}
