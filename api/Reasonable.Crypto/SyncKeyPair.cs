using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// A user's write-only sync key pair (X25519). Background sync seals what it fetches to the public key; only the
/// user's own requests can open it, because the secret key is stored wrapped by the user's data key. Disposing
/// zeroes the secret key.
/// </summary>
public sealed class SyncKeyPair : IDisposable
{
    public const int KeyLength = 32;

    private SyncKeyPair(byte[] publicKey, byte[] secretKey)
    {
        PublicKey = publicKey;
        SecretKey = secretKey;
    }

    public byte[] PublicKey { get; }

    public byte[] SecretKey { get; }

    public static SyncKeyPair Generate()
    {
        using var pair = PublicKeyBox.GenerateKeyPair();
        return new SyncKeyPair((byte[])pair.PublicKey.Clone(), (byte[])pair.PrivateKey.Clone());
    }

    /// <summary>Where the wrapped secret key is stored: the ciphertext is bound to this column of the user's row.</summary>
    public static FieldLocation SecretKeyLocation(Guid userId) => new("users", "sync_secret_key_ciphertext", userId);

    /// <summary>The secret key wrapped by the user's data key, for users.sync_secret_key_ciphertext.</summary>
    public Ciphertext WrapSecretKey(UserKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Encrypt(SecretKeyLocation(keys.UserId), SecretKey);
    }

    /// <summary>
    /// Opens the wrapped secret key and checks that it belongs to <paramref name="publicKey"/>; throws
    /// <see cref="CiphertextException"/> when it does not open or does not match.
    /// </summary>
    public static SyncKeyPair Unwrap(UserKeyRing keys, byte[] publicKey, Ciphertext wrappedSecretKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(publicKey);
        var secretKey = keys.Decrypt(SecretKeyLocation(keys.UserId), wrappedSecretKey);
        if (secretKey.Length != KeyLength)
        {
            CryptographicOperations.ZeroMemory(secretKey);
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        using var derived = PublicKeyBox.GenerateKeyPair((byte[])secretKey.Clone());
        if (!CryptographicOperations.FixedTimeEquals(derived.PublicKey, publicKey))
        {
            CryptographicOperations.ZeroMemory(secretKey);
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        return new SyncKeyPair((byte[])publicKey.Clone(), secretKey);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(SecretKey);
}
