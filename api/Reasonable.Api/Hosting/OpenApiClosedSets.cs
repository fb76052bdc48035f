using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Reasonable.Api.Data;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Importing;
using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The closed sets of words the API exchanges as plain strings, declared as enums: each list is the one the server
/// itself checks or writes (so the document cannot drift from it), and the strings on the wire stay as they are.
/// </summary>
public sealed class OpenApiClosedSets : ISchemaFilter
{
    public static IReadOnlyList<string> AccountActions { get; } = [.. Enum.GetValues<AccountAction>().Select(AccountActionNames.Name)];

    public static IReadOnlyList<string> Relations { get; } = [.. RelationNames.All.Select(RelationNames.Name)];

    public static IReadOnlyList<string> SyncStatuses { get; } =
        [SyncStates.Queued, SyncStates.Running, SyncStates.Waiting, SyncStates.Completed, SyncStates.Failed];

    public static IReadOnlyList<string> SyncPhases { get; } =
        [SyncStates.Pending, SyncStates.Fetching, SyncStates.Waiting, SyncStates.Fetched, SyncStates.Folded, SyncStates.Failed];

    public static IReadOnlyList<string> SessionKinds { get; } = [SessionRow.Browser, SessionRow.PersonalToken];

    public static IReadOnlyList<string> KeyStatusWords { get; } =
        [KeyStatuses.Active, KeyStatuses.Missing, KeyStatuses.Edited, KeyStatuses.Undecryptable];

    public static IReadOnlyList<string> ImportSkipCodes { get; } = [.. Enum.GetValues<ImportSkipReason>().Select(ImportSkipReasons.Code)];

    public static IReadOnlyList<string> ReviewKinds { get; } =
        [ReviewItemResponse.AccountKind, ReviewItemResponse.ReasonKind, ReviewItemResponse.MuteEndsKind];

    /// <summary>Which member of which type takes which set (for an array, its items do).</summary>
    private static readonly Dictionary<(Type Type, string Member), IReadOnlyList<string>> Sets = new()
    {
        [(typeof(ReasonResponse), "action")] = ReasonActions.All,
        [(typeof(CreateReasonRequest), "action")] = ReasonActions.All,
        [(typeof(UpdateReasonRequest), "action")] = ReasonActions.All,
        [(typeof(BulkReasonRequest), "action")] = ReasonActions.All,
        [(typeof(AccountActionRequest), "action")] = AccountActions,
        [(typeof(AccountActionByHandleRequest), "action")] = AccountActions,
        [(typeof(ProviderResponse), "actions")] = AccountActions,
        [(typeof(SyncRelationResponse), "relation")] = Relations,
        [(typeof(SyncRelationResponse), "phase")] = SyncPhases,
        [(typeof(SyncRunResponse), "status")] = SyncStatuses,
        [(typeof(CurrentSessionResponse), "kind")] = SessionKinds,
        [(typeof(MeResponse), "keyStatus")] = KeyStatusWords,
        [(typeof(ExportDocument), "format")] = [ExportEndpoints.FormatName],
        [(typeof(ImportSkipGroup), "reason")] = ImportSkipCodes,
        [(typeof(ImportSkippedEntry), "reason")] = ImportSkipCodes,
        [(typeof(ReviewItemResponse), "kind")] = ReviewKinds,
    };

    /// <summary>The types with a closed set, so a test can check that each shows up in the document as an enum.</summary>
    public static IEnumerable<(Type Type, string Member)> Members => Sets.Keys;

    public static List<JsonNode> Values(IEnumerable<string> words) => [.. words.Select(word => (JsonNode)JsonValue.Create(word))];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }

        foreach (var ((type, member), words) in Sets)
        {
            if (type == context.Type && properties.TryGetValue(member, out var property) && property is OpenApiSchema concrete)
            {
                var target = concrete.Items as OpenApiSchema ?? concrete;
                target.Enum = Values(words);
            }
        }
    }
}
