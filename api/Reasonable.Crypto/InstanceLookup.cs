using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Finds what the server keeps per provider instance (an app registration) without storing the instance's name:
/// keyed BLAKE2b of provider and instance under its own server subkey. A dump alone does not say which servers
/// Reasonable's users are on.
/// </summary>
public static class InstanceLookup
{
    public const int HashLength = 32;

    public static byte[] Hash(MasterKeyRing ring, uint keyId, string provider, string instance)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var message = AssociatedData.For("reasonable/instance-lookup/v1").Add(provider).Add(instance).ToBytes();
        return GenericHash.Hash(message, ring.Subkey(ServerSubkey.InstanceLookup, keyId), HashLength);
    }

    /// <summary>The hash under every master key, primary first: a row hashed before a rotation is still found.</summary>
    public static IEnumerable<byte[]> Candidates(MasterKeyRing ring, string provider, string instance)
    {
        ArgumentNullException.ThrowIfNull(ring);
        yield return Hash(ring, ring.PrimaryKeyId, provider, instance);
        foreach (var keyId in ring.KeyIds.Where(id => id != ring.PrimaryKeyId))
        {
            yield return Hash(ring, keyId, provider, instance);
        }
    }
}
