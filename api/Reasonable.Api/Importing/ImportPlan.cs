using Reasonable.Api.Data;

namespace Reasonable.Api.Importing;

/// <summary>
/// What an import will do, worked out before anything is written: the rows to insert and rewrite, and the counts the
/// preview shows. Entries are the file's accounts (one line, row or array element each): <see cref="Added"/> become new
/// accounts, <see cref="Matched"/> are accounts the user already has, and <see cref="Skips"/> say why the rest are not
/// imported. <see cref="ToLookUp"/> counts new accounts the file names by address only, looked up on the provider when
/// the import is confirmed (a preview does not call the provider).
/// </summary>
public sealed class ImportPlan
{
    public List<AccountRow> Inserts { get; } = [];

    public List<AccountRow> Updates { get; } = [];

    public List<ReasonRow> Reasons { get; } = [];

    public int Added { get; set; }

    public int Matched { get; set; }

    public int ToLookUp { get; set; }

    public int RelationsAdded { get; set; }

    public int ReasonsAdded { get; set; }

    public int ReasonsMatched { get; set; }

    public List<(int Line, ImportSkipReason Reason)> Skips { get; } = [];
}
