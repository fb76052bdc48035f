using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Who the user is on their provider (instance and id) and the app's access to their account, as a users row keeps
/// them for the server's own calls (key list, sync, actions): sealed by the server and bound to the row and column.
/// </summary>
public static class StoredProviderAccess
{
    public static SealedProviderAccess Seal(MasterKeyRing ring, Guid userId, SignedInAccount signedIn)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        return new SealedProviderAccess(
            ProviderSecret.Seal(ring, Location(userId, "provider_user_id_ciphertext"), signedIn.Account.Id),
            signedIn.Account.Instance is { } instance ? ProviderSecret.Seal(ring, Location(userId, "provider_instance_ciphertext"), instance) : null,
            ProviderSecret.Seal(ring, Location(userId, "provider_access_ciphertext"), signedIn.Access.Value));
    }

    /// <summary>
    /// The user's account and access; throws <see cref="CiphertextException"/> when they do not open. A row written
    /// before migration 0005 (a token and secret in columns of their own) is read through the provider.
    /// </summary>
    public static (ProviderAccount Account, ProviderAccess Access) Open(MasterKeyRing ring, UserRow user, ISocialProvider provider)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(provider);
        var account = OpenAccount(ring, user);
        if (user.ProviderAccessCiphertext is { } access)
        {
            return (account, new ProviderAccess(ProviderSecret.Open(ring, Location(user.Id, "provider_access_ciphertext"), access)));
        }

        if (user.OauthTokenCiphertext is null)
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        var token = ProviderSecret.Open(ring, Location(user.Id, "oauth_token_ciphertext"), user.OauthTokenCiphertext);
        var secret = user.OauthTokenSecretCiphertext is null
            ? null
            : ProviderSecret.Open(ring, Location(user.Id, "oauth_token_secret_ciphertext"), user.OauthTokenSecretCiphertext);
        return (account, provider.FromLegacyColumns(account.Id, token, secret));
    }

    /// <summary>The user's instance and id on the provider; throws <see cref="CiphertextException"/> when they do not open.</summary>
    public static ProviderAccount OpenAccount(MasterKeyRing ring, UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.ProviderUserIdCiphertext is null)
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        var instance = user.ProviderInstanceCiphertext is null
            ? null
            : ProviderSecret.Open(ring, Location(user.Id, "provider_instance_ciphertext"), user.ProviderInstanceCiphertext);
        return new ProviderAccount(instance, ProviderSecret.Open(ring, Location(user.Id, "provider_user_id_ciphertext"), user.ProviderUserIdCiphertext));
    }

    /// <summary>The user's lookup hash under the primary master key: what sign-in finds them by and their key lock is keyed on.</summary>
    public static byte[] LookupHash(MasterKeyRing ring, string provider, ProviderAccount account)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(account);
        return UserLookup.Hash(ring, ring.PrimaryKeyId, provider, account.Instance, account.Id);
    }

    private static FieldLocation Location(Guid userId, string column) => new("users", column, userId);
}
