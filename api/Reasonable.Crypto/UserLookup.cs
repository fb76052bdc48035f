using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Finds a user without storing who they are: keyed BLAKE2b of provider, instance (where the network has them) and
/// provider user id. A database dump alone cannot be matched against public account ids. Without an instance the
/// hashed pack is (provider, id), exactly as before instances existed, so users hashed then are still found.
/// </summary>
public static class UserLookup
{
    public const int HashLength = 32;

    public static byte[] Hash(MasterKeyRing ring, uint keyId, string provider, string? instance, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var pack = AssociatedData.For("reasonable/user-lookup/v1").Add(provider);
        if (instance is not null)
        {
            pack = pack.Add(instance);
        }

        var message = pack.Add(providerUserId).ToBytes();
        return GenericHash.Hash(message, ring.Subkey(ServerSubkey.UserLookup, keyId), HashLength);
    }

    /// <summary>The hash under every master key, primary first: a user hashed before a rotation is still found.</summary>
    public static IEnumerable<byte[]> Candidates(MasterKeyRing ring, string provider, string? instance, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        yield return Hash(ring, ring.PrimaryKeyId, provider, instance, providerUserId);
        foreach (var keyId in ring.KeyIds.Where(id => id != ring.PrimaryKeyId))
        {
            yield return Hash(ring, keyId, provider, instance, providerUserId);
        }
    }
}
