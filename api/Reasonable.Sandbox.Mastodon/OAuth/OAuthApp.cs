namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>An app registered with <c>POST /api/v1/apps</c>: always a confidential client, its secret never expires.</summary>
public sealed record OAuthApp(string Id, string Name, string? Website, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, string ClientId, string ClientSecret);
