using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Recovery that survives rotating the user key. The recovery code's key (<see cref="RecoveryCode"/>) wraps an
/// X25519 secret key; the user key is sealed to its public key (a libsodium sealed box) with the user id and the
/// user-key version inside, so the server can seal each new user key at rotation without knowing the code.
/// The public key itself is sealed by the server (its own subkey, bound to the user), so someone who can write the
/// database cannot plant a public key of their own and collect the next rotation's user key.
/// </summary>
public static class RecoveryKey
{
    private const int PublicKeyLength = 32;

    /// <summary>A new recovery key pair for <paramref name="code"/>, with <paramref name="userKey"/> sealed to it.</summary>
    public static RecoverySetup Create(MasterKeyRing ring, string code, Guid userId, UserKey userKey)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var salt = SodiumCore.GetRandomBytes(RecoveryCode.SaltLength);
        using var pair = PublicKeyBox.GenerateKeyPair();
        var key = RecoveryCode.WrappingKey(ring, ring.PrimaryKeyId, code, salt);
        try
        {
            var secretKey = Aead.Encrypt(key, ring.PrimaryKeyId, pair.PrivateKey, SecretKeyBinding(userId, pair.PublicKey));
            var publicKey = ring.Encrypt(ServerSubkey.RecoveryPublicKey, pair.PublicKey, PublicKeyBinding(userId));
            return new RecoverySetup(salt, secretKey, publicKey, Seal(pair.PublicKey, userId, userKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Seals a (new) user key to the stored recovery public key; throws <see cref="CiphertextException"/> when the
    /// public key was not sealed by this server for this user.
    /// </summary>
    public static byte[] SealUserKey(MasterKeyRing ring, Guid userId, Ciphertext publicKey, UserKey userKey) =>
        Seal(OpenPublicKey(ring, userId, publicKey), userId, userKey);

    /// <summary>
    /// Opens the user key with the recovery code. It must be sealed for this user and be version
    /// <paramref name="userKeyVersion"/>; anything else (wrong code, tampered, moved, stale) fails as
    /// <see cref="CiphertextException"/>.
    /// </summary>
    public static UserKey Open(MasterKeyRing ring, string code, Guid userId, uint userKeyVersion, RecoverySetup setup)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(setup);
        var publicKey = OpenPublicKey(ring, userId, setup.PublicKey);
        var key = RecoveryCode.WrappingKey(ring, setup.SecretKeyCiphertext.KeyId, code, setup.Salt);
        byte[]? secretKey = null;
        byte[]? plaintext = null;
        try
        {
            secretKey = Aead.Decrypt(key, setup.SecretKeyCiphertext, SecretKeyBinding(userId, publicKey));
            plaintext = SealedPublicKeyBox.Open(setup.SealedUserKey, secretKey, publicKey);
            var binding = UserKeyBinding(userId, userKeyVersion);
            if (plaintext.Length != binding.Length + Aead.KeyLength || !CryptographicOperations.FixedTimeEquals(plaintext.AsSpan(0, binding.Length), binding))
            {
                throw new CiphertextException(CiphertextFailure.Forged);
            }

            return new UserKey(userKeyVersion, plaintext[binding.Length..]);
        }
        catch (CryptographicException exception) when (exception is not CiphertextException)
        {
            throw new CiphertextException(CiphertextFailure.Forged, exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(secretKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Seal(byte[] publicKey, Guid userId, UserKey userKey)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        byte[] plaintext = [.. UserKeyBinding(userId, userKey.Version), .. userKey.Key];
        try
        {
            return SealedPublicKeyBox.Create(plaintext, publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] OpenPublicKey(MasterKeyRing ring, Guid userId, Ciphertext publicKey)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(publicKey);
        var opened = ring.Decrypt(ServerSubkey.RecoveryPublicKey, publicKey, PublicKeyBinding(userId));
        return opened.Length == PublicKeyLength ? opened : throw new CiphertextException(CiphertextFailure.Forged);
    }

    private static AssociatedData PublicKeyBinding(Guid userId) => AssociatedData.For("reasonable/recovery-public-key/v1").Add(userId);

    private static AssociatedData SecretKeyBinding(Guid userId, byte[] publicKey) =>
        AssociatedData.For("reasonable/recovery-secret-key/v1").Add(userId).Add(publicKey);

    /// <summary>Sealed boxes take no associated data, so the binding travels inside and is compared on opening.</summary>
    private static byte[] UserKeyBinding(Guid userId, uint version) =>
        AssociatedData.For("reasonable/recovery-user-key/v1").Add(userId).Add(version).ToBytes();
}
