namespace Reasonable.Api.Providers;

/// <summary>
/// One social network Reasonable signs people in with, syncs from and acts on. It is made of small capabilities
/// (<see cref="IProviderSignIn"/>, <see cref="IRelationSource"/>, <see cref="IKeySlot"/>, <see cref="IAccountActions"/>)
/// so code that needs one of them depends on that one alone; everything outside a provider's own folder speaks only
/// these terms. Failures are <see cref="ProviderException"/>s; their messages never contain tokens, handles or ids.
/// </summary>
public interface ISocialProvider : IProviderSignIn, IRelationSource, IKeySlot, IAccountActions
{
    /// <summary>The provider's name as stored in <c>users.provider</c> and used in routes, e.g. <c>x</c>.</summary>
    string Name { get; }

    /// <summary>What the web app and scripts are told about this provider (<c>GET /api/providers</c>).</summary>
    ProviderInfo Info { get; }

    /// <summary>
    /// Whether <paramref name="id"/> has the form of an account id this provider gives out (checked before an account
    /// is added by hand, so a handle or a typo is refused rather than stored as an id no sync will ever match).
    /// </summary>
    bool IsValidAccountId(string id);

    /// <summary>Gives the access back to the provider (the user deleted their Reasonable account).</summary>
    Task RevokeAsync(ProviderAccess access, CancellationToken cancellationToken);

    /// <summary>
    /// The access blob for a users row written before migration 0005, which kept a token and an optional token
    /// secret in columns of their own. Providers that had no users then may throw.
    /// </summary>
    ProviderAccess FromLegacyColumns(string providerUserId, string token, string? tokenSecret);
}
