using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Finds a pending sign-in from the provider's callback without storing the provider's state value (X: the request
/// token): keyed BLAKE2b under its own server subkey.
/// </summary>
public static class SignInState
{
    public static byte[] Hash(MasterKeyRing ring, string provider, string state)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var message = AssociatedData.For("reasonable/sign-in-state/v1").Add(provider).Add(state).ToBytes();
        return GenericHash.Hash(message, ring.Subkey(ServerSubkey.SignInState, ring.PrimaryKeyId), 32);
    }
}
