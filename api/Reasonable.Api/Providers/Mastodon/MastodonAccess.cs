using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// What <see cref="ProviderAccess"/> holds for Mastodon: the instance, the user's account id there (the following
/// route names it), the bearer token, and the id of the app it was issued to (revoking needs that app). Only
/// <see cref="MastodonProvider"/> writes or reads it.
/// </summary>
internal sealed record MastodonAccess(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("clientId")] string ClientId)
{
    public ProviderAccess ToAccess() => new(JsonSerializer.Serialize(this, MastodonRecordJson.Default.MastodonAccess));

    /// <summary>The Mastodon access in <paramref name="access"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static MastodonAccess From(ProviderAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        try
        {
            return JsonSerializer.Deserialize(access.Value, MastodonRecordJson.Default.MastodonAccess)
                is { Instance.Length: > 0, AccountId.Length: > 0, Token.Length: > 0, ClientId.Length: > 0 } parsed
                ? parsed
                : throw new ArgumentException("This is not access to a Mastodon account.", nameof(access));
        }
        catch (JsonException)
        {
            // Not passed on: its message could quote the token.
            throw new ArgumentException("This is not access to a Mastodon account.", nameof(access));
        }
    }

    public override string ToString() => "MastodonAccess { (redacted) }";
}
