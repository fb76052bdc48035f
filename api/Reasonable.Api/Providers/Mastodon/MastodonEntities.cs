namespace Reasonable.Api.Providers.Mastodon;

// The parts of Mastodon's JSON the provider reads (snake_case on the wire). Everything is optional here and checked
// where it is used: an instance may send anything.

/// <summary>An Account, a MutedAccount (with <c>mute_expires_at</c>) or a CredentialAccount.</summary>
internal sealed record MastodonAccountJson(
    string? Id, string? Username, string? Acct, string? DisplayName, string? Url, string? Avatar, MastodonMovedJson? Moved, DateTimeOffset? MuteExpiresAt);

/// <summary>The account an Account moved to; only its <c>acct</c> is read.</summary>
internal sealed record MastodonMovedJson(string? Acct);

internal sealed record MastodonListJson(string? Id, string? Title);

internal sealed record MastodonRelationshipJson(string? Id, string? Note, bool? Blocking = null, bool? Muting = null, bool? Following = null, DateTimeOffset? MutingExpiresAt = null);

internal sealed record MastodonTokenJson(string? AccessToken, string? TokenType);

/// <summary>POST /api/v1/apps's CredentialApplication.</summary>
internal sealed record MastodonRegisteredAppJson(string? ClientId, string? ClientSecret);

/// <summary>RFC 8414 metadata (Mastodon 4.3 and later); only whether S256 PKCE is offered matters.</summary>
internal sealed record MastodonServerMetadataJson(IReadOnlyList<string>? CodeChallengeMethodsSupported);
