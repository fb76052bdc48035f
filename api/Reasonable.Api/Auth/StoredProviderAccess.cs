using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// The provider id and credentials a users row keeps for the server's own calls (key list, sync), sealed by the
/// server and bound to the row and column they are stored in.
/// </summary>
public static class StoredProviderAccess
{
    public static (Ciphertext ProviderUserId, Ciphertext Token, Ciphertext? Secret) Seal(MasterKeyRing ring, Guid userId, ProviderGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return (
            ProviderSecret.Seal(ring, Location(userId, "provider_user_id_ciphertext"), grant.ProviderUserId),
            ProviderSecret.Seal(ring, Location(userId, "oauth_token_ciphertext"), grant.Credentials.Token),
            grant.Credentials.Secret is null ? null : ProviderSecret.Seal(ring, Location(userId, "oauth_token_secret_ciphertext"), grant.Credentials.Secret));
    }

    /// <summary>The user's provider id and credentials; throws <see cref="CiphertextException"/> when they do not open.</summary>
    public static (string ProviderUserId, ProviderCredentials Credentials) Open(MasterKeyRing ring, UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.ProviderUserIdCiphertext is null || user.OauthTokenCiphertext is null)
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        var secret = user.OauthTokenSecretCiphertext is null
            ? null
            : ProviderSecret.Open(ring, Location(user.Id, "oauth_token_secret_ciphertext"), user.OauthTokenSecretCiphertext);
        return (
            ProviderSecret.Open(ring, Location(user.Id, "provider_user_id_ciphertext"), user.ProviderUserIdCiphertext),
            new ProviderCredentials(ProviderSecret.Open(ring, Location(user.Id, "oauth_token_ciphertext"), user.OauthTokenCiphertext), secret));
    }

    private static FieldLocation Location(Guid userId, string column) => new("users", column, userId);
}
