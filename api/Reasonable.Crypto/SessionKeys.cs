using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Reasonable.Crypto;

/// <summary>
/// The user's data keys as a session token carries them: sealed under the session-wrap subkey and bound to the
/// session and user ids, so a token's key material is useless in any other session and never readable in transit.
/// </summary>
public static class SessionKeys
{
    private const int EntryLength = 4 + Aead.KeyLength;

    public static string Wrap(MasterKeyRing ring, Guid sessionId, Guid userId, IReadOnlyCollection<DataKey> dataKeys)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(dataKeys);
        var plaintext = new byte[dataKeys.Count * EntryLength];
        var offset = 0;
        foreach (var key in dataKeys)
        {
            BinaryPrimitives.WriteUInt32BigEndian(plaintext.AsSpan(offset), key.Version);
            key.Key.CopyTo(plaintext, offset + 4);
            offset += EntryLength;
        }

        var sealedKeys = ring.Encrypt(ServerSubkey.SessionWrap, plaintext, Binding(sessionId, userId));
        CryptographicOperations.ZeroMemory(plaintext);
        return Base64Url.EncodeToString(sealedKeys.Span);
    }

    /// <summary>Opens the keys of one session; throws <see cref="CiphertextException"/> for any other session, user or tampering.</summary>
    public static IReadOnlyList<DataKey> Unwrap(MasterKeyRing ring, Guid sessionId, Guid userId, string wrapped)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (string.IsNullOrEmpty(wrapped) || !Base64Url.IsValid(wrapped))
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        var plaintext = ring.Decrypt(ServerSubkey.SessionWrap, new Ciphertext(Base64Url.DecodeFromChars(wrapped)), Binding(sessionId, userId));
        if (plaintext.Length == 0 || plaintext.Length % EntryLength != 0)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        var keys = new List<DataKey>();
        for (var offset = 0; offset < plaintext.Length; offset += EntryLength)
        {
            keys.Add(new DataKey(BinaryPrimitives.ReadUInt32BigEndian(plaintext.AsSpan(offset)), plaintext[(offset + 4)..(offset + EntryLength)]));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return keys;
    }

    private static AssociatedData Binding(Guid sessionId, Guid userId) =>
        AssociatedData.For("reasonable/session-keys/v1").Add(sessionId).Add(userId);
}
