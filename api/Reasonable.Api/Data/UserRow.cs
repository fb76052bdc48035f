using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A users row as stored: who the user is appears only as a keyed hash; tokens only as ciphertext.</summary>
public sealed record UserRow
{
    public required Guid Id { get; init; }

    public required string Provider { get; init; }

    public required byte[] LookupHash { get; init; }

    public required long LookupKeyId { get; init; }

    public Ciphertext? OauthTokenCiphertext { get; init; }

    public Ciphertext? OauthTokenSecretCiphertext { get; init; }

    public string KeyStatus { get; init; } = "active";

    public int UserKeyVersion { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
