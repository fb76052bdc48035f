using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// A session's inbox for data keys made after it started: an X25519 key pair whose secret key travels only inside the
/// session's sealed token keys (<see cref="SessionKeys"/>) and whose public key is stored sealed by the server, bound
/// to the session. A data-key rotation seals the new key to every live session's inbox, so the database alone (even
/// with the master key) opens none of them, and a session that was revoked before the rotation receives nothing.
/// Disposing zeroes the secret key.
/// </summary>
public sealed class SessionInbox : IDisposable
{
    public const int KeyLength = 32;

    private SessionInbox(byte[] secretKey, Ciphertext sealedPublicKey)
    {
        SecretKey = secretKey;
        SealedPublicKey = sealedPublicKey;
    }

    /// <summary>The secret key, for the session's token only.</summary>
    public byte[] SecretKey { get; }

    /// <summary>The public key sealed by the server for <c>sessions.inbox_public_key</c>.</summary>
    public Ciphertext SealedPublicKey { get; }

    public static SessionInbox Create(MasterKeyRing ring, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        using var pair = PublicKeyBox.GenerateKeyPair();
        return new SessionInbox((byte[])pair.PrivateKey.Clone(), ring.Encrypt(ServerSubkey.SessionInboxPublicKey, pair.PublicKey, PublicKeyBinding(sessionId)));
    }

    /// <summary>
    /// Seals <paramref name="dataKey"/> to the session's inbox; throws <see cref="CiphertextException"/> when the public
    /// key was not sealed by this server for this session.
    /// </summary>
    public static byte[] SealDataKey(MasterKeyRing ring, Guid sessionId, Guid userId, Ciphertext sealedPublicKey, DataKey dataKey)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(sealedPublicKey);
        ArgumentNullException.ThrowIfNull(dataKey);
        var publicKey = ring.Decrypt(ServerSubkey.SessionInboxPublicKey, sealedPublicKey, PublicKeyBinding(sessionId));
        if (publicKey.Length != KeyLength)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        byte[] plaintext = [.. DataKeyBinding(sessionId, userId, dataKey.Version), .. dataKey.Key];
        try
        {
            return SealedPublicKeyBox.Create(plaintext, publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Opens a data key sealed to this session's inbox. It must be sealed for this session, user and
    /// <paramref name="version"/>; anything else (another session's box, tampered, renumbered) fails as
    /// <see cref="CiphertextException"/>.
    /// </summary>
    public static DataKey OpenDataKey(byte[] secretKey, Guid sessionId, Guid userId, uint version, byte[] sealedKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(sealedKey);
        if (secretKey.Length != KeyLength)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        byte[]? plaintext = null;
        try
        {
            using var pair = PublicKeyBox.GenerateKeyPair((byte[])secretKey.Clone());
            plaintext = SealedPublicKeyBox.Open(sealedKey, pair.PrivateKey, pair.PublicKey);
            var binding = DataKeyBinding(sessionId, userId, version);
            if (plaintext.Length != binding.Length + Aead.KeyLength || !CryptographicOperations.FixedTimeEquals(plaintext.AsSpan(0, binding.Length), binding))
            {
                throw new CiphertextException(CiphertextFailure.Forged);
            }

            return new DataKey(version, plaintext[binding.Length..]);
        }
        catch (CryptographicException exception) when (exception is not CiphertextException)
        {
            throw new CiphertextException(CiphertextFailure.Forged, exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(SecretKey);

    private static AssociatedData PublicKeyBinding(Guid sessionId) => AssociatedData.For("reasonable/session-inbox-public-key/v1").Add(sessionId);

    /// <summary>Sealed boxes take no associated data, so the binding travels inside and is compared on opening.</summary>
    private static byte[] DataKeyBinding(Guid sessionId, Guid userId, uint version) =>
        AssociatedData.For("reasonable/session-inbox-data-key/v1").Add(sessionId).Add(userId).Add(version).ToBytes();
}
