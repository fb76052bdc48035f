using System.Buffers.Binary;
using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// The per-user key-encryption key (KEK). It lives only on the user's social account, wrapped by the server's
/// wrap subkey; it wraps the user's data keys. The version counts rotations.
/// </summary>
public sealed class UserKey : IDisposable
{
    private const int PlaintextLength = 4 + Aead.KeyLength;

    public UserKey(uint version, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Aead.KeyLength)
        {
            throw new ArgumentException($"A user key is {Aead.KeyLength} bytes.", nameof(key));
        }

        Version = version;
        Key = key;
    }

    public uint Version { get; }

    public byte[] Key { get; }

    public static UserKey Generate(uint version) => new(version, SodiumCore.GetRandomBytes(Aead.KeyLength));

    /// <summary>Wraps this key for the user's key list; bound to the provider and the user's lookup hash (provider, instance, id).</summary>
    public Ciphertext Wrap(MasterKeyRing ring, string provider, string? instance, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var plaintext = new byte[PlaintextLength];
        BinaryPrimitives.WriteUInt32BigEndian(plaintext, Version);
        Key.CopyTo(plaintext, 4);
        var keyId = ring.PrimaryKeyId;
        var wrapped = Aead.Encrypt(ring.Subkey(ServerSubkey.UserKeyWrap, keyId), keyId, plaintext, Binding(ring, keyId, provider, instance, providerUserId));
        CryptographicOperations.ZeroMemory(plaintext);
        return wrapped;
    }

    public static UserKey Unwrap(MasterKeyRing ring, Ciphertext wrapped, string provider, string? instance, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(wrapped);
        var keyId = wrapped.KeyId;
        var plaintext = Aead.Decrypt(ring.Subkey(ServerSubkey.UserKeyWrap, keyId), wrapped, Binding(ring, keyId, provider, instance, providerUserId));
        if (plaintext.Length != PlaintextLength)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        var key = new UserKey(BinaryPrimitives.ReadUInt32BigEndian(plaintext), plaintext[4..]);
        CryptographicOperations.ZeroMemory(plaintext);
        return key;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(Key);

    private static AssociatedData Binding(MasterKeyRing ring, uint keyId, string provider, string? instance, string providerUserId) =>
        AssociatedData.For("reasonable/user-key/v1").Add(provider).Add(UserLookup.Hash(ring, keyId, provider, instance, providerUserId));
}
