using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// What a started sign-in keeps on the server (<see cref="SignInChallenge.Secret"/>): the instance, the app the
/// authorize URL named (the code is only good with that app), and the PKCE verifier, null on servers without PKCE.
/// </summary>
internal sealed record MastodonSignInSecret(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("verifier")] string? Verifier)
{
    public string ToText() => JsonSerializer.Serialize(this, MastodonRecordJson.Default.MastodonSignInSecret);

    public static MastodonSignInSecret From(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        try
        {
            return JsonSerializer.Deserialize(secret, MastodonRecordJson.Default.MastodonSignInSecret)
                is { Instance.Length: > 0, ClientId.Length: > 0 } parsed
                ? parsed
                : throw new ArgumentException("This is not a Mastodon sign-in.", nameof(secret));
        }
        catch (JsonException)
        {
            throw new ArgumentException("This is not a Mastodon sign-in.", nameof(secret));
        }
    }

    public override string ToString() => "MastodonSignInSecret { (redacted) }";
}
