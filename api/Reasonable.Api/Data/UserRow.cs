using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A users row as stored: who the user is appears only as a keyed hash; everything else only as ciphertext.</summary>
public sealed record UserRow
{
    public required Guid Id { get; init; }

    public required string Provider { get; init; }

    public required byte[] LookupHash { get; init; }

    public required long LookupKeyId { get; init; }

    /// <summary>Sealed by the server (<see cref="ProviderSecret"/>), bound to this row.</summary>
    public Ciphertext? ProviderUserIdCiphertext { get; init; }

    /// <summary>The user's instance on the provider (null where the network has none), sealed by the server.</summary>
    public Ciphertext? ProviderInstanceCiphertext { get; init; }

    /// <summary>The provider's access blob (<see cref="Providers.ProviderAccess"/>), sealed by the server.</summary>
    public Ciphertext? ProviderAccessCiphertext { get; init; }

    /// <summary>Before migration 0005: the access token in a column of its own. Cleared at the next sign-in.</summary>
    public Ciphertext? OauthTokenCiphertext { get; init; }

    /// <summary>Before migration 0005: the access token secret. Cleared at the next sign-in.</summary>
    public Ciphertext? OauthTokenSecretCiphertext { get; init; }

    /// <summary>Under the user's data key.</summary>
    public Ciphertext? HandleCiphertext { get; init; }

    public string KeyStatus { get; init; } = KeyStatuses.Active;

    public int UserKeyVersion { get; init; } = 1;

    /// <summary>Set while a rotation waits for the key list to hold this version (see user_data_keys.pending_wrapped_key_ciphertext).</summary>
    public int? PendingUserKeyVersion { get; init; }

    /// <summary>
    /// Recovery: the code's key wraps the recovery secret key here (the legacy format, with no public key, wrapped
    /// the user key itself).
    /// </summary>
    public Ciphertext? RecoveryKeyCiphertext { get; init; }

    /// <summary>The recovery public key, sealed by the server so it cannot be swapped for another.</summary>
    public Ciphertext? RecoveryPublicKey { get; init; }

    /// <summary>The user key sealed to the recovery public key (a sealed box).</summary>
    public byte[]? RecoverySealedUserKey { get; init; }

    public byte[]? RecoverySalt { get; init; }

    public DateTimeOffset? RecoveryCreatedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
