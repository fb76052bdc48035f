using System.Text;

namespace Reasonable.Crypto;

/// <summary>
/// Values the server itself must read without the user present (OAuth tokens, the user's provider id for sync,
/// a pending sign-in's request secret): sealed under the master key's OAuth-token subkey and bound to where they
/// are stored. This is the documented full-compromise limit: DB + binary + environment open them.
/// </summary>
public static class ProviderSecret
{
    public static Ciphertext Seal(MasterKeyRing ring, FieldLocation location, string value)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(value);
        return ring.Encrypt(ServerSubkey.OAuthToken, Encoding.UTF8.GetBytes(value), Binding(location));
    }

    public static string Open(MasterKeyRing ring, FieldLocation location, Ciphertext sealedValue)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return Encoding.UTF8.GetString(ring.Decrypt(ServerSubkey.OAuthToken, sealedValue, Binding(location)));
    }

    private static AssociatedData Binding(FieldLocation location) =>
        AssociatedData.For("reasonable/provider-secret/v1").Add(location.Table).Add(location.Column).Add(location.RowId);
}
