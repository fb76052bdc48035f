namespace Reasonable.Api.Providers;

/// <summary>
/// One social network Reasonable signs people in with and syncs from (X now, Mastodon next). Everything the rest of
/// the API needs from a provider goes through here, so adding one touches only its own folder.
/// Failures are <see cref="ProviderException"/>s; their messages never contain tokens, handles or ids.
/// </summary>
public interface ISocialProvider
{
    /// <summary>The provider's name as stored in <c>users.provider</c>, e.g. <c>x</c>.</summary>
    string Name { get; }

    /// <summary>Step 1: asks the provider for a sign-in grant and returns where to send the browser.</summary>
    Task<SignInChallenge> BeginSignInAsync(Uri callbackUrl, CancellationToken cancellationToken);

    /// <summary>Reads the provider's redirect back to <c>callbackUrl</c> (query parameters by name).</summary>
    SignInCallback ReadCallback(IReadOnlyDictionary<string, string?> query);

    /// <summary>Step 3: trades the challenge's state and secret and the callback's verifier for the user's access credentials.</summary>
    Task<ProviderGrant> CompleteSignInAsync(string state, string secret, string verifier, CancellationToken cancellationToken);

    Task<ProviderProfile> GetProfileAsync(ProviderCredentials credentials, CancellationToken cancellationToken);

    /// <summary>The user's own list named <paramref name="name"/> (private ones included), or null when there is none.</summary>
    Task<ProviderList?> FindOwnListAsync(ProviderCredentials credentials, string providerUserId, string name, CancellationToken cancellationToken);

    /// <summary>Creates a private list; returns its id.</summary>
    Task<string> CreatePrivateListAsync(ProviderCredentials credentials, string name, string description, CancellationToken cancellationToken);

    /// <summary>Rewrites an existing list's name and description (and keeps it private).</summary>
    Task UpdateListAsync(ProviderCredentials credentials, string listId, string name, string description, CancellationToken cancellationToken);

    Task DeleteListAsync(ProviderCredentials credentials, string listId, CancellationToken cancellationToken);

    /// <summary>One page of the accounts the user blocks, mutes or follows; pass the previous page's cursor to go on.</summary>
    Task<RelationPage> GetRelationPageAsync(
        ProviderCredentials credentials, string providerUserId, Relation relation, string? cursor, CancellationToken cancellationToken);

    /// <summary>Gives the access credentials back to the provider (the user deleted their Reasonable account).</summary>
    Task RevokeAsync(ProviderCredentials credentials, CancellationToken cancellationToken);
}
