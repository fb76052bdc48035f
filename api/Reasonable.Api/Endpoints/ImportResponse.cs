namespace Reasonable.Api.Endpoints;

/// <summary>
/// What an import did, or (<c>preview</c>) would do. Of the file's <c>entries</c> (its accounts: lines, rows or array
/// elements), <c>added</c> are new accounts, <c>matched</c> are accounts you already have, and <c>skipped</c> are not
/// imported, for the reasons in <c>skipReasons</c> (the first 100 with their line in <c>skippedEntries</c>).
/// <c>toLookUp</c> (preview only) counts new accounts the file names by address alone, looked up on your server when
/// you confirm. <c>relationsAdded</c> counts relations recorded from the file (shown as unconfirmed until a sync sees
/// them); <c>reasonsAdded</c> and <c>reasonsMatched</c> the reasons new and already there. <c>unknownFields</c> names
/// fields of the file this version does not know and did not keep.
/// </summary>
public sealed record ImportResponse(
    string Kind,
    string Description,
    bool Preview,
    int Entries,
    int Added,
    int Matched,
    int Skipped,
    int ToLookUp,
    int RelationsAdded,
    int ReasonsAdded,
    int ReasonsMatched,
    IReadOnlyList<ImportSkipGroup> SkipReasons,
    IReadOnlyList<ImportSkippedEntry> SkippedEntries,
    IReadOnlyList<string> UnknownFields);

/// <summary>
/// One reason entries were skipped for: <c>reason</c> is duplicate-in-file, relation-ended, not-found or unreadable,
/// with how many and a sentence saying what it means.
/// </summary>
public sealed record ImportSkipGroup(string Reason, int Count, string Explanation);

/// <summary>A skipped entry: its line (row, or position in the file's list, from 1) and why.</summary>
public sealed record ImportSkippedEntry(int Line, string Reason);

/// <summary>The upload: the file, and optionally its kind (reasonable, x-archive, mastodon-blocked, mastodon-muted, mastodon-following).</summary>
public sealed record ImportFileForm(IFormFile File, string? Kind);
