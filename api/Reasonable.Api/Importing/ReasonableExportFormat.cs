using System.Text.Json;
using System.Text.Json.Serialization;
using Reasonable.Api.Accounts;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;

namespace Reasonable.Api.Importing;

/// <summary>
/// Reasonable's own JSON export (<c>GET /api/export</c>, format <c>reasonable-export/v1</c>) read back: every account
/// with its relations, history and dates, and every reason with its dates, tags and version. Read leniently where
/// that is safe: fields this version does not know (a later export may carry more, such as a reason's event or
/// review date) are accepted and listed in <see cref="ReasonableExport.UnknownFields"/> so the preview can say they
/// are not kept; a value that is wrong (a bad id, a reason no reason could hold) refuses the file, naming where.
/// </summary>
public static class ReasonableExportFormat
{
    public const string Kind = "reasonable";
    public const string Description = "a Reasonable export";
    public const int MaxAccounts = 250_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 32,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Starts like a JSON object naming the export format (the check reads only the start).</summary>
    public static bool Recognizes(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Text is not { } text)
        {
            return false;
        }

        var start = text.AsSpan().TrimStart();
        return start.StartsWith("{") && start[..Math.Min(start.Length, 4096)].Contains("\"format\"", StringComparison.Ordinal);
    }

    /// <summary>Reads the file, checking every id against <paramref name="isValidAccountId"/> (the user's provider's form).</summary>
    public static ReasonableExport Read(UploadedFile file, Func<string, bool> isValidAccountId)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(isValidAccountId);
        var text = file.Text ?? throw new RelationFileException("The file is not UTF-8 text, as Reasonable's export is.");
        ExportFile document;
        try
        {
            document = JsonSerializer.Deserialize<ExportFile>(text, Json) ?? throw new RelationFileException("The file is JSON null, not a Reasonable export.");
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new RelationFileException($"The file is not a valid Reasonable export: its JSON is malformed or has a value of the wrong type{where}.", exception);
        }

        if (document.Format != ExportEndpoints.FormatName)
        {
            throw new RelationFileException(
                $"The file's format is not {ExportEndpoints.FormatName}: Reasonable imports its own JSON export (Settings → Export → JSON), not the CSV or another program's JSON.");
        }

        if (document.User?.Provider is not { Length: > 0 } provider)
        {
            throw new RelationFileException("The export does not say which network it is from (user.provider).");
        }

        var accounts = document.Accounts ?? [];
        if (accounts.Count > MaxAccounts)
        {
            throw new RelationFileException($"The export holds more than {MaxAccounts:N0} accounts; Reasonable imports at most that many at once.") { TooLarge = true };
        }

        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        Collect(unknown, "", document.Extra);
        Collect(unknown, "user.", document.User.Extra);
        var imported = new List<ImportedAccount>(accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            imported.Add(ReadAccount(accounts[i], i, isValidAccountId, unknown));
        }

        return new ReasonableExport(provider, document.User.Handle, imported, [.. unknown]);
    }

    private static ImportedAccount ReadAccount(ExportAccount? entry, int index, Func<string, bool> isValidAccountId, SortedSet<string> unknown)
    {
        var where = $"accounts[{index}]";
        var account = entry?.Account ?? throw new RelationFileException($"{where} has no account.");
        if (account.ProviderAccountId is not { } id || !isValidAccountId(id))
        {
            throw new RelationFileException($"{where}.account.providerAccountId is not an account id of your network.");
        }

        if (account.Handle is null || account.Handle.Length > 512 || account.Handle.Any(char.IsControl))
        {
            throw new RelationFileException($"{where}.account.handle is missing or not a handle.");
        }

        if (account.CreatedAt is not { } createdAt || account.LastActivityAt is not { } lastActivityAt)
        {
            throw new RelationFileException($"{where}.account has no createdAt or lastActivityAt.");
        }

        Collect(unknown, "accounts[].", entry.Extra);
        Collect(unknown, "accounts[].account.", account.Extra);
        var relations = new List<ImportedRelation>();
        foreach (var relation in RelationNames.All)
        {
            var state = relation switch
            {
                Relation.Blocked => account.Relations?.Blocked,
                Relation.Muted => account.Relations?.Muted,
                _ => account.Relations?.Following,
            };
            if (state is not null)
            {
                if (state.Since < state.FirstSeen || state.LastSeen < state.Since || state.EndedAt < state.Since)
                {
                    throw new RelationFileException($"{where}.account.relations.{RelationNames.Name(relation)} has dates out of order.");
                }

                relations.Add(new ImportedRelation(relation, state with { Past = state.Past ?? [] }));
            }
        }

        var reasons = new List<ImportedReason>();
        var exportedReasons = entry.Reasons ?? [];
        for (var r = 0; r < exportedReasons.Count; r++)
        {
            reasons.Add(ReadReason(exportedReasons[r], $"{where}.reasons[{r}]", unknown));
        }

        var profile = new ImportedProfile(account.DisplayName, account.AvatarUrl, account.ProfileUrl, account.MovedTo, createdAt, lastActivityAt);
        return new ImportedAccount(index + 1, id, account.Handle, relations, reasons, profile);
    }

    private static ImportedReason ReadReason(ExportReason? reason, string where, SortedSet<string> unknown)
    {
        if (reason is null)
        {
            throw new RelationFileException($"{where} is null.");
        }

        var input = ReasonInput.Check(reason.Action, reason.Text, reason.Tags);
        if (input.Problem is not null)
        {
            throw new RelationFileException($"{where} is not a reason Reasonable can hold: {(input.Problem.ProblemDetails.Detail ?? "it is not valid").TrimEnd('.')}.");
        }

        if (reason.CreatedAt is not { } createdAt || reason.UpdatedAt is not { } updatedAt || reason.Version is not ( >= 1 and <= 1_000_000) || updatedAt < createdAt)
        {
            throw new RelationFileException($"{where} has no valid createdAt, updatedAt or version.");
        }

        if (reason.OccurredAt is { } occurredAt && (occurredAt < ReasonDates.Earliest || occurredAt > DateTimeOffset.UtcNow.AddDays(1)))
        {
            throw new RelationFileException($"{where}.occurredAt is not a date from {ReasonDates.Earliest:yyyy} until today.");
        }

        Collect(unknown, "accounts[].reasons[].", reason.Extra);
        return new ImportedReason(input.Action, input.Text, input.Tags, reason.Version.Value, createdAt, updatedAt, reason.OccurredAt?.ToUniversalTime());
    }

    private static void Collect(SortedSet<string> unknown, string prefix, Dictionary<string, JsonElement>? extra)
    {
        foreach (var name in extra?.Keys ?? Enumerable.Empty<string>())
        {
            if (unknown.Count < 50 && name.Length <= 64)
            {
                unknown.Add(prefix + name);
            }
        }
    }

    // The export's shape, every member optional so that what is missing is refused by a sentence, not an exception.
    // Members the export writes that an import has no use for (ids, counts) are listed so they are not taken for
    // unknown ones. Extra collects members this version does not know (a newer export's), so they can be named.
    private sealed record ExportFile(string? Format, DateTimeOffset? ExportedAt, ExportFileUser? User, List<ExportAccount?>? Accounts, int? Unreadable)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }

    private sealed record ExportFileUser(string? Provider, string? Handle)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }

    private sealed record ExportAccount(ExportAccountFields? Account, List<ExportReason?>? Reasons, int? UnreadableReasons)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }

    private sealed record ExportAccountFields(
        Guid? Id,
        string? ProviderAccountId,
        string? Handle,
        string? DisplayName,
        string? AvatarUrl,
        string? ProfileUrl,
        string? MovedTo,
        ExportRelations? Relations,
        int? ReasonCount,
        JsonElement? LatestReason,
        DateTimeOffset? LastActivityAt,
        DateTimeOffset? CreatedAt,
        JsonElement? MatchedIn)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }

    private sealed record ExportRelations(RelationState? Blocked, RelationState? Muted, RelationState? Following);

    private sealed record ExportReason(
        Guid? Id, Guid? AccountId, string? Action, string? Text, List<string?>? Tags, int? Version, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? OccurredAt)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }
}

/// <summary>Reasonable's export as read: whose it is, its accounts, and the names of fields this version does not keep.</summary>
public sealed record ReasonableExport(string Provider, string? Handle, IReadOnlyList<ImportedAccount> Accounts, IReadOnlyList<string> UnknownFields);
