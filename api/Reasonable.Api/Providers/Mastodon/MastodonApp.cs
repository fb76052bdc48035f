using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// Reasonable's app on one instance (POST /api/v1/apps), as <see cref="ProviderAppStore"/> keeps it: made once and
/// reused, since instances allow only a few registrations per address. Made again when the callback URL or the
/// scopes it was made with are no longer ours.
/// </summary>
internal sealed record MastodonApp(
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("clientSecret")] string ClientSecret,
    [property: JsonPropertyName("scopes")] string Scopes,
    [property: JsonPropertyName("redirectUri")] string RedirectUri)
{
    public string ToText() => JsonSerializer.Serialize(this, MastodonRecordJson.Default.MastodonApp);

    /// <summary>The app in <paramref name="text"/>, or null when the text is not one (register again then).</summary>
    public static MastodonApp? TryFrom(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, MastodonRecordJson.Default.MastodonApp)
                is { ClientId.Length: > 0, ClientSecret.Length: > 0, Scopes: not null, RedirectUri: not null } parsed
                ? parsed
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Fits(Uri callbackUrl, string scopes) =>
        string.Equals(RedirectUri, callbackUrl.AbsoluteUri, StringComparison.Ordinal) && string.Equals(Scopes, scopes, StringComparison.Ordinal);

    public override string ToString() => "MastodonApp { (redacted) }";
}
