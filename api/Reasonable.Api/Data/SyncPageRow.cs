namespace Reasonable.Api.Data;

/// <summary>A sync_pages row: one fetched page, sealed to the user's sync public key, waiting to be folded.</summary>
public sealed record SyncPageRow
{
    public required Guid RunId { get; init; }

    public required string Relation { get; init; }

    public required int Page { get; init; }

    public required Guid UserId { get; init; }

    public required byte[] SealedAccounts { get; init; }

    public required DateTimeOffset FetchedAt { get; init; }
}
