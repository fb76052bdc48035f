using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Compiled (source-generated) JSON for the largest responses: account pages (the benchmark's raw pages too, so the
/// list and the raw list write alike), account timelines and export rows.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccountPageResponse))]
[JsonSerializable(typeof(AccountDetailResponse))]
[JsonSerializable(typeof(ReasonResponse))]
[JsonSerializable(typeof(AccountActionResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProviderResponse>))]
[JsonSerializable(typeof(ProviderNotesImportResponse))]
[JsonSerializable(typeof(SearchIndexResponse))]
[JsonSerializable(typeof(ReviewPageResponse))]
[JsonSerializable(typeof(RawAccountPageResponse))]
internal sealed partial class ResponseJson : JsonSerializerContext;
