namespace Reasonable.Api.Data;

/// <summary>A sync_relations row: how far one run got with one relation (blocking, muting or following).</summary>
public sealed record SyncRelationRow
{
    public required Guid RunId { get; init; }

    public required string Relation { get; init; }

    public required string Phase { get; init; }

    /// <summary>The provider's pagination token for the next page; null before the first page and after the last.</summary>
    public string? Cursor { get; init; }

    public required int Fetched { get; init; }

    public required int Pages { get; init; }

    public required int Folded { get; init; }

    /// <summary>Failed calls in a row on the current page.</summary>
    public required int Attempts { get; init; }

    public DateTimeOffset? WaitingUntil { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
