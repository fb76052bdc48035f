using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Reasonable.Crypto;

/// <summary>
/// The user's data keys as a session token carries them: sealed under the session-wrap subkey and bound to the
/// session and user ids, so a token's key material is useless in any other session and never readable in transit.
/// Each entry is a version (u32 BE) and 32 bytes; the entry numbered <see cref="InboxEntry"/> is the session inbox's
/// secret key (<see cref="SessionInbox"/>), which tokens made before data-key rotation do not have.
/// </summary>
public static class SessionKeys
{
    /// <summary>The entry number of the inbox secret key; no data key version reaches it.</summary>
    public const uint InboxEntry = uint.MaxValue;

    private const int EntryLength = 4 + Aead.KeyLength;

    public static string Wrap(MasterKeyRing ring, Guid sessionId, Guid userId, IReadOnlyCollection<DataKey> dataKeys, byte[]? inboxSecretKey = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(dataKeys);
        var plaintext = new byte[(dataKeys.Count + (inboxSecretKey is null ? 0 : 1)) * EntryLength];
        var offset = 0;
        foreach (var (version, key) in dataKeys.Select(key => (key.Version, key.Key)).Concat(inboxSecretKey is null ? [] : [(InboxEntry, inboxSecretKey)]))
        {
            BinaryPrimitives.WriteUInt32BigEndian(plaintext.AsSpan(offset), version);
            key.CopyTo(plaintext, offset + 4);
            offset += EntryLength;
        }

        var sealedKeys = ring.Encrypt(ServerSubkey.SessionWrap, plaintext, Binding(sessionId, userId));
        CryptographicOperations.ZeroMemory(plaintext);
        return Base64Url.EncodeToString(sealedKeys.Span);
    }

    /// <summary>The data keys of one session; throws <see cref="CiphertextException"/> for any other session, user or tampering.</summary>
    public static IReadOnlyList<DataKey> Unwrap(MasterKeyRing ring, Guid sessionId, Guid userId, string wrapped)
    {
        var set = Open(ring, sessionId, userId, wrapped);
        CryptographicOperations.ZeroMemory(set.InboxSecretKey);
        return set.DataKeys;
    }

    /// <summary>The data keys and inbox secret key of one session; throws <see cref="CiphertextException"/> for any other session, user or tampering.</summary>
    public static SessionKeySet Open(MasterKeyRing ring, Guid sessionId, Guid userId, string wrapped)
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
        byte[]? inboxSecretKey = null;
        for (var offset = 0; offset < plaintext.Length; offset += EntryLength)
        {
            var version = BinaryPrimitives.ReadUInt32BigEndian(plaintext.AsSpan(offset));
            var key = plaintext[(offset + 4)..(offset + EntryLength)];
            if (version == InboxEntry)
            {
                inboxSecretKey = key;
            }
            else
            {
                keys.Add(new DataKey(version, key));
            }
        }

        CryptographicOperations.ZeroMemory(plaintext);
        if (keys.Count == 0)
        {
            CryptographicOperations.ZeroMemory(inboxSecretKey);
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        return new SessionKeySet(keys, inboxSecretKey);
    }

    private static AssociatedData Binding(Guid sessionId, Guid userId) =>
        AssociatedData.For("reasonable/session-keys/v1").Add(sessionId).Add(userId);
}
