using System.Text.Json;
using System.Text.Json.Serialization;
using Reasonable.Api.Reasons;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Compiled (source-generated) JSON for the documents inside ciphertexts: every listed account and reason is read
/// through it, so it is kept off reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccountDocument))]
[JsonSerializable(typeof(ReasonContent))]
internal sealed partial class StoredDocumentJson : JsonSerializerContext;
