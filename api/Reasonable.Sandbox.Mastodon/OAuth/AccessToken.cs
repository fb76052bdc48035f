namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>A bearer token. <see cref="UserId"/> is null for an app-only (client_credentials) token. Tokens never expire; only revocation ends them.</summary>
public sealed record AccessToken(string Token, string ClientId, string? UserId, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, bool Revoked = false);
