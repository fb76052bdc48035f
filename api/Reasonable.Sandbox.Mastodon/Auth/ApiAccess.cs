namespace Reasonable.Sandbox.Mastodon.Auth;

/// <summary>
/// Endpoint metadata: which token a route needs. <see cref="Scopes"/> are alternatives (any one suffices: the umbrella
/// scope or the granular one, as Mastodon's <c>doorkeeper_authorize!</c> lists them); empty means any token.
/// </summary>
public sealed record ApiAccess(IReadOnlyList<string> Scopes, bool RequiresUser, bool TokenOptional)
{
    /// <summary>A user token with one of the scopes (an app-only token → 422).</summary>
    public static ApiAccess User(params string[] scopes) => new(scopes, RequiresUser: true, TokenOptional: false);

    /// <summary>Public; but a token, if sent, must be valid and carry one of the scopes (<c>authorize_if_got_token!</c>).</summary>
    public static ApiAccess IfGotToken(params string[] scopes) => new(scopes, RequiresUser: false, TokenOptional: true);

    /// <summary>Any valid token, app-only included.</summary>
    public static ApiAccess AnyToken() => new([], RequiresUser: false, TokenOptional: false);
}
