namespace Reasonable.Api.Providers;

/// <summary>
/// The app's access to one user's account, as text the provider that issued it writes and reads (X: the OAuth 1.0a
/// token pair and user id; Mastodon: the instance, its app and the bearer token). Nothing else looks inside. Stored
/// only sealed, in <c>users.provider_access_ciphertext</c>; <see cref="ToString"/> is redacted so it cannot reach a log.
/// </summary>
public sealed record ProviderAccess(string Value)
{
    public override string ToString() => "ProviderAccess { (redacted) }";
}
