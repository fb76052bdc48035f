namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>
/// A checked <c>/oauth/authorize</c> request. The consent form carries the same fields back, and they are checked
/// again on submit, since a form can be edited.
/// </summary>
public sealed record AuthorizeRequest(OAuthApp App, string RedirectUri, IReadOnlyList<string> Scopes, string? State, string? CodeChallenge)
{
    /// <summary>
    /// Checks in Doorkeeper's order. An unknown client or an unregistered redirect URI is <see cref="AuthorizeOutcome.Invalid"/>
    /// (an error page: never redirect to a URI the app did not register); later errors go back to the app.
    /// </summary>
    public static AuthorizeOutcome Check(Func<string, string?> get, OAuthStore store, bool pkce)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(store);
        var app = store.FindApp(get("client_id"));
        if (app is null)
        {
            return AuthorizeOutcome.Invalid(OAuthErrors.InvalidClient);
        }

        var redirectUri = get("redirect_uri");
        if (redirectUri is null || !app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return AuthorizeOutcome.Invalid("The redirect uri included is not valid.");
        }

        var state = get("state");
        if (get("response_type") != "code")
        {
            return AuthorizeOutcome.Refused(redirectUri, state, "unsupported_response_type", OAuthErrors.UnsupportedResponseType);
        }

        var scopes = OAuthScopes.Parse(get("scope")) ?? [OAuthScopes.Default];
        if (!scopes.All(app.Scopes.Contains))
        {
            return AuthorizeOutcome.Refused(redirectUri, state, "invalid_scope", OAuthErrors.InvalidScope);
        }

        // Servers before 4.3 have no PKCE: they ignore the challenge altogether.
        var challenge = pkce ? get("code_challenge") : null;
        if (!string.IsNullOrEmpty(challenge) && get("code_challenge_method") != "S256")
        {
            return AuthorizeOutcome.Refused(redirectUri, state, "invalid_request", OAuthErrors.UnsupportedChallengeMethod);
        }

        return AuthorizeOutcome.Valid(new AuthorizeRequest(app, redirectUri, scopes, state, string.IsNullOrEmpty(challenge) ? null : challenge));
    }
}
