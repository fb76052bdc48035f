namespace Reasonable.Api.Endpoints;

/// <summary>
/// One relation of a sync (blocking, muting, following). <c>phase</c>: pending, fetching, waiting (until
/// <c>waitingUntil</c>: a rate-limit reset or the next retry), fetched, folded (your accounts are up to date) or
/// failed. <c>fetched</c> and <c>folded</c> count accounts, <c>pages</c> the pages fetched, <c>attempts</c> the
/// failed calls in a row on the current page.
/// </summary>
public sealed record SyncRelationResponse(
    string Relation, string Phase, int Fetched, int Folded, int Pages, DateTimeOffset? WaitingUntil, string? LastError, int Attempts);
