using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Endpoints;

/// <summary>Compiled (source-generated) JSON for the largest responses: account pages, account timelines and export rows.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccountPageResponse))]
[JsonSerializable(typeof(AccountDetailResponse))]
[JsonSerializable(typeof(ReasonResponse))]
[JsonSerializable(typeof(AccountActionResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProviderResponse>))]
[JsonSerializable(typeof(ProviderNotesImportResponse))]
[JsonSerializable(typeof(SearchIndexResponse))]
[JsonSerializable(typeof(ReviewPageResponse))]
internal sealed partial class ResponseJson : JsonSerializerContext;
