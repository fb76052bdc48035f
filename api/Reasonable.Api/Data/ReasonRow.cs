using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A reasons row: ids, version, timestamps, tag blind indexes and one ciphertext (see Reasons/ReasonContent).</summary>
public sealed record ReasonRow
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required Guid AccountId { get; init; }

    public required Ciphertext ContentCiphertext { get; init; }

    public required byte[][] TagIndexes { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The text's and tags' search tokens, set when sealed for a write (never read back: they live in search_tokens).</summary>
    public int[]? SearchTokens { get; init; }
}
