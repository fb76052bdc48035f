using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// One user's data keys for the length of one request. Encrypts and decrypts that user's values, bound to
/// (table, column, row id, owner id), and computes their blind indexes. Disposing zeroes the keys.
/// </summary>
public sealed class UserKeyRing : IDisposable
{
    private const string IndexContext = "rsnblidx";
    private const string SearchTokenContext = "rsnbltok";
    private readonly Dictionary<uint, DataKey> dataKeys;
    private readonly byte[] indexRootKey;
    private readonly byte[] searchTokenKey;

    /// <param name="retiredThrough">
    /// Data key versions up to this one are retired: every value was rewritten under a newer key, so they open nothing
    /// (a value planted under one fails as <see cref="CiphertextFailure.UnknownKey"/>). They still key the blind indexes.
    /// </param>
    public UserKeyRing(Guid userId, IEnumerable<DataKey> keys, uint retiredThrough = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        UserId = userId;
        RetiredThrough = retiredThrough;
        dataKeys = keys.ToDictionary(key => key.Version);
        if (dataKeys.Count == 0)
        {
            throw new ArgumentException("A user key ring needs at least one data key.", nameof(keys));
        }

        PrimaryVersion = dataKeys.Keys.Max();
        // Index keys come from the first data key, so rotating the data key for new writes keeps every index valid.
        indexRootKey = Kdf.DeriveSubkey(dataKeys[dataKeys.Keys.Min()].Key, 1, IndexContext);
        // Free-text tokens have a key of their own under the index root, so they never equal another index's values.
        searchTokenKey = Kdf.DeriveSubkey(indexRootKey, 2, SearchTokenContext);
    }

    public Guid UserId { get; }

    /// <summary>The newest data key version: every new value is written under it.</summary>
    public uint PrimaryVersion { get; }

    /// <summary>Versions up to this one open nothing any more (0: none retired).</summary>
    public uint RetiredThrough { get; }

    /// <summary>A ring with copies of these keys plus <paramref name="added"/> (which it then owns), retired through <paramref name="retiredThrough"/>.</summary>
    public UserKeyRing With(IEnumerable<DataKey> added, uint retiredThrough)
    {
        ArgumentNullException.ThrowIfNull(added);
        return new UserKeyRing(UserId, dataKeys.Values.Select(key => new DataKey(key.Version, (byte[])key.Key.Clone())).Concat(added), retiredThrough);
    }

    /// <summary>An independent copy (for work that outlives the request this ring belongs to); dispose it separately.</summary>
    public UserKeyRing Copy() => With([], RetiredThrough);

    public Ciphertext Encrypt(FieldLocation location, ReadOnlySpan<byte> plaintext) =>
        Aead.Encrypt(dataKeys[PrimaryVersion].Key, PrimaryVersion, plaintext, Binding(location));

    public Ciphertext Encrypt(FieldLocation location, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Encrypt(location, Encoding.UTF8.GetBytes(plaintext));
    }

    public byte[] Decrypt(FieldLocation location, Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (ciphertext.KeyId <= RetiredThrough || !dataKeys.TryGetValue(ciphertext.KeyId, out var key))
        {
            throw new CiphertextException(CiphertextFailure.UnknownKey);
        }

        return Aead.Decrypt(key.Key, ciphertext, Binding(location));
    }

    public string DecryptString(FieldLocation location, Ciphertext ciphertext) =>
        Encoding.UTF8.GetString(Decrypt(location, ciphertext));

    /// <summary>
    /// A per-user blind index of a value for exact-match filters, truncated to <paramref name="bits"/> so equal
    /// indexes do not prove equal values; callers filter false positives after decrypting.
    /// </summary>
    public byte[] BlindIndex(string table, string column, string value, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 256);
        var message = AssociatedData.For("reasonable/blind-index/v1").Add(table).Add(column).Add(value).ToBytes();
        var hash = GenericHash.Hash(message, indexRootKey, 32);
        var index = hash[..((bits + 7) / 8)];
        var spareBits = (index.Length * 8) - bits;
        index[^1] &= (byte)(0xFF << spareBits);
        return index;
    }

    /// <summary>
    /// A per-user search token of one normalised word prefix: keyed BLAKE2b truncated to <paramref name="bits"/>
    /// (at most 31), as a non-negative integer. Many prefixes share each value on purpose; callers re-check matches
    /// after decrypting.
    /// </summary>
    public int SearchToken(ReadOnlySpan<char> prefix, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 31);
        var hash = GenericHash.Hash(Encoding.UTF8.GetBytes(prefix.ToArray()), searchTokenKey, 16);
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(hash) & ((1u << bits) - 1));
    }

    /// <summary>These keys, and the session's inbox secret key, sealed for one session's token (see <see cref="SessionKeys"/>).</summary>
    public string WrapForSession(MasterKeyRing ring, Guid sessionId, byte[]? inboxSecretKey) =>
        SessionKeys.Wrap(ring, sessionId, UserId, dataKeys.Values, inboxSecretKey);

    public void Dispose()
    {
        foreach (var key in dataKeys.Values)
        {
            key.Dispose();
        }

        CryptographicOperations.ZeroMemory(indexRootKey);
        CryptographicOperations.ZeroMemory(searchTokenKey);
    }

    private AssociatedData Binding(FieldLocation location) =>
        AssociatedData.For("reasonable/field/v1").Add(location.Table).Add(location.Column).Add(location.RowId).Add(UserId);
}
