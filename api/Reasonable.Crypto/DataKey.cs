using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// A versioned per-user data key (DEK). Stored only wrapped by the user's KEK, so rotating the KEK re-wraps
/// these few rows and never touches the data they encrypt.
/// </summary>
public sealed class DataKey : IDisposable
{
    public DataKey(uint version, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Aead.KeyLength)
        {
            throw new ArgumentException($"A data key is {Aead.KeyLength} bytes.", nameof(key));
        }

        Version = version;
        Key = key;
    }

    public uint Version { get; }

    public byte[] Key { get; }

    public static DataKey Generate(uint version) => new(version, SodiumCore.GetRandomBytes(Aead.KeyLength));

    /// <summary>Wraps under the KEK; the ciphertext's key id is the KEK version, the binding is user and DEK version.</summary>
    public Ciphertext Wrap(UserKey userKey, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        return Aead.Encrypt(userKey.Key, userKey.Version, Key, Binding(userId, Version));
    }

    public static DataKey Unwrap(UserKey userKey, Guid userId, uint version, Ciphertext wrapped)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        ArgumentNullException.ThrowIfNull(wrapped);
        if (wrapped.KeyId != userKey.Version)
        {
            throw new CiphertextException(CiphertextFailure.UnknownKey);
        }

        return new DataKey(version, Aead.Decrypt(userKey.Key, wrapped, Binding(userId, version)));
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(Key);

    private static AssociatedData Binding(Guid userId, uint version) =>
        AssociatedData.For("reasonable/data-key/v1").Add(userId).Add(version);
}
