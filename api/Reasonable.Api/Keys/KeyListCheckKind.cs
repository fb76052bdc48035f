using System.Text.Json.Serialization;

namespace Reasonable.Api.Keys;

/// <summary>Whether the key status was read from the provider for this request, recently, or could not be read now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeyListCheckKind>))]
public enum KeyListCheckKind
{
    /// <summary>Read from the provider for this request.</summary>
    [JsonStringEnumMemberName("now")]
    Now,

    /// <summary>Read within the last few minutes; shown as recorded then.</summary>
    [JsonStringEnumMemberName("recent")]
    Recent,

    /// <summary>The provider could not be asked (down, rate-limited, access revoked); shown as last recorded.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
