using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>An accounts row: ids, timestamps, blind indexes and one ciphertext (see Accounts/AccountDocument).</summary>
public sealed record AccountRow
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required Ciphertext DataCiphertext { get; init; }

    public required byte[] ProviderAccountIdIndex { get; init; }

    public required byte[][] RelationIndexes { get; init; }

    public required DateTimeOffset LastActivityAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The handle's and name's search tokens, set when sealed for a write (never read back: they live in search_tokens).</summary>
    public int[]? SearchTokens { get; init; }
}
