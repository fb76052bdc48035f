namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>
/// What checking an authorize request gave: a <see cref="Request"/> to show consent for, an error to send back to
/// the app's redirect URI (<see cref="RedirectUri"/> set), or an error page (<see cref="Description"/> only).
/// </summary>
public sealed record AuthorizeOutcome(AuthorizeRequest? Request, string? RedirectUri, string? State, string? Error, string? Description)
{
    public static AuthorizeOutcome Valid(AuthorizeRequest request) => new(request, null, null, null, null);

    public static AuthorizeOutcome Refused(string redirectUri, string? state, string error, string description) =>
        new(null, redirectUri, state, error, description);

    public static AuthorizeOutcome Invalid(string description) => new(null, null, null, null, description);
}
