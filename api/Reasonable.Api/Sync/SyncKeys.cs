using Reasonable.Crypto;

namespace Reasonable.Api.Sync;

/// <summary>
/// How a user's sync key pair is stored: the public key sealed by the server (so the job can read it without the
/// user, and nobody who can only write the database can swap in a key of their own and read later pages), the
/// secret key wrapped by the user's data key (so only the user's own requests can open pages).
/// </summary>
public static class SyncKeys
{
    public static (Ciphertext SealedPublicKey, Ciphertext WrappedSecretKey) Create(MasterKeyRing ring, UserKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var pair = SyncKeyPair.Generate();
        return (ProviderSecret.Seal(ring, PublicKeyLocation(keys.UserId), Convert.ToBase64String(pair.PublicKey)), pair.WrapSecretKey(keys));
    }

    /// <summary>The public key for the job; throws <see cref="CiphertextException"/> when it was tampered with.</summary>
    public static byte[] OpenPublicKey(MasterKeyRing ring, Guid userId, Ciphertext sealedPublicKey) =>
        Convert.FromBase64String(ProviderSecret.Open(ring, PublicKeyLocation(userId), sealedPublicKey));

    /// <summary>The whole key pair, for the user's own requests; throws <see cref="CiphertextException"/> when it does not open.</summary>
    public static SyncKeyPair Open(MasterKeyRing ring, UserKeyRing keys, Ciphertext sealedPublicKey, Ciphertext wrappedSecretKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return SyncKeyPair.Unwrap(keys, OpenPublicKey(ring, keys.UserId, sealedPublicKey), wrappedSecretKey);
    }

    private static FieldLocation PublicKeyLocation(Guid userId) => new("users", "sync_public_key", userId);
}
