using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Names a rate-limit window in the shared database without storing who it counts: keyed BLAKE2b of the limit's name
/// and its partition (a user id, or an IP address for sign-in) under its own server subkey. Windows are short-lived,
/// so only the primary master key is used: after a rotation, counts start afresh.
/// </summary>
public static class RateLimitKey
{
    public const int HashLength = 32;

    public static byte[] Hash(MasterKeyRing ring, string limit, string partition)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var message = AssociatedData.For("reasonable/rate-limit/v1").Add(limit).Add(partition).ToBytes();
        return GenericHash.Hash(message, ring.Subkey(ServerSubkey.RateLimitKey, ring.PrimaryKeyId), HashLength);
    }
}
