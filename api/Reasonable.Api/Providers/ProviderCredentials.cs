namespace Reasonable.Api.Providers;

/// <summary>
/// The app's access to one user's account (X: OAuth 1.0a access token and secret; Mastodon: a bearer token, no
/// secret). Stored only encrypted; <see cref="ToString"/> is redacted so it cannot reach a log by accident.
/// </summary>
public sealed record ProviderCredentials(string Token, string? Secret)
{
    public override string ToString() => "ProviderCredentials { (redacted) }";
}
