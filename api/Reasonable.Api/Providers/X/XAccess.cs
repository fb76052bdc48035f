using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Providers.X;

/// <summary>
/// What <see cref="ProviderAccess"/> holds for X: the user's id (X's routes name it) and the OAuth 1.0a access token
/// pair. Only <see cref="XProvider"/> writes or reads it.
/// </summary>
internal sealed record XAccess(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("secret")] string Secret)
{
    public ProviderAccess ToAccess() => new(JsonSerializer.Serialize(this, XAccessJson.Default.XAccess));

    /// <summary>The X access in <paramref name="access"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static XAccess From(ProviderAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        try
        {
            return JsonSerializer.Deserialize(access.Value, XAccessJson.Default.XAccess) is { UserId.Length: > 0, Token.Length: > 0, Secret: not null } parsed
                ? parsed
                : throw new ArgumentException("This is not access to an X account.", nameof(access));
        }
        catch (JsonException)
        {
            // Not passed on: its message could quote the token.
            throw new ArgumentException("This is not access to an X account.", nameof(access));
        }
    }

    public override string ToString() => "XAccess { (redacted) }";
}

[JsonSerializable(typeof(XAccess))]
internal sealed partial class XAccessJson : JsonSerializerContext;
