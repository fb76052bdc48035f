namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>A code from the consent page: single-use, bound to its app, redirect URI and (since 4.3) PKCE challenge.</summary>
public sealed record AuthorizationCode(string Code, string ClientId, string UserId, string RedirectUri, IReadOnlyList<string> Scopes, string? CodeChallenge, DateTimeOffset ExpiresAt);
