using System.Collections.Concurrent;

namespace Reasonable.Crypto;

/// <summary>
/// The server's master keys by id. The first is primary (new values use it); older ones stay so values sealed
/// under them still open while they are re-wrapped lazily.
/// </summary>
public sealed class MasterKeyRing
{
    private const string SubkeyContext = "rsnblsrv";
    private readonly Dictionary<uint, MasterKey> keys;
    private readonly ConcurrentDictionary<(ServerSubkey, uint), byte[]> subkeys = new();

    public MasterKeyRing(IReadOnlyList<MasterKey> masterKeys)
    {
        ArgumentNullException.ThrowIfNull(masterKeys);
        if (masterKeys.Count == 0)
        {
            throw new ArgumentException("A key ring needs at least one master key.", nameof(masterKeys));
        }

        keys = [];
        foreach (var key in masterKeys)
        {
            if (!keys.TryAdd(key.KeyId, key))
            {
                throw new ArgumentException($"Master key id {key.KeyId} appears twice.", nameof(masterKeys));
            }
        }

        PrimaryKeyId = masterKeys[0].KeyId;
    }

    public uint PrimaryKeyId { get; }

    public IReadOnlyCollection<uint> KeyIds => keys.Keys;

    public bool Contains(uint keyId) => keys.ContainsKey(keyId);

    /// <summary>The subkey for one purpose under one master key; throws <see cref="CiphertextException"/> for an unknown id.</summary>
    public byte[] Subkey(ServerSubkey purpose, uint keyId)
    {
        if (!keys.TryGetValue(keyId, out var masterKey))
        {
            throw new CiphertextException(CiphertextFailure.UnknownKey);
        }

        return subkeys.GetOrAdd((purpose, keyId), _ => Kdf.DeriveSubkey(masterKey.Key, (ulong)purpose, SubkeyContext));
    }

    /// <summary>Seals a server-side secret (an OAuth token, say) under the primary key's subkey for that purpose.</summary>
    public Ciphertext Encrypt(ServerSubkey purpose, ReadOnlySpan<byte> plaintext, AssociatedData binding) =>
        Aead.Encrypt(Subkey(purpose, PrimaryKeyId), PrimaryKeyId, plaintext, binding);

    public byte[] Decrypt(ServerSubkey purpose, Ciphertext ciphertext, AssociatedData binding)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return Aead.Decrypt(Subkey(purpose, ciphertext.KeyId), ciphertext, binding);
    }
}
