using System.Text.Json.Serialization;

namespace Reasonable.Api.Search;

/// <summary>Where a free-text search matched an account: its handle, its display name, a reason's text or a tag.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchField>))]
public enum SearchField
{
    [JsonStringEnumMemberName("handle")]
    Handle,

    [JsonStringEnumMemberName("name")]
    Name,

    [JsonStringEnumMemberName("reason")]
    Reason,

    [JsonStringEnumMemberName("tag")]
    Tag,
}
