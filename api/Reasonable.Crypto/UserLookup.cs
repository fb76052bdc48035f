using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Finds a user without storing who they are: keyed BLAKE2b of provider and provider user id. A database dump
/// alone cannot be matched against public account ids.
/// </summary>
public static class UserLookup
{
    public const int HashLength = 32;

    public static byte[] Hash(MasterKeyRing ring, uint keyId, string provider, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var message = AssociatedData.For("reasonable/user-lookup/v1").Add(provider).Add(providerUserId).ToBytes();
        return GenericHash.Hash(message, ring.Subkey(ServerSubkey.UserLookup, keyId), HashLength);
    }

    /// <summary>The hash under every master key, primary first: a user hashed before a rotation is still found.</summary>
    public static IEnumerable<byte[]> Candidates(MasterKeyRing ring, string provider, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(ring);
        yield return Hash(ring, ring.PrimaryKeyId, provider, providerUserId);
        foreach (var keyId in ring.KeyIds.Where(id => id != ring.PrimaryKeyId))
        {
            yield return Hash(ring, keyId, provider, providerUserId);
        }
    }
}
