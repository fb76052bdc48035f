namespace Reasonable.Api.Importing;

/// <summary>Why an entry of a file is not imported; each has a code the web app can count and a sentence for the user.</summary>
public enum ImportSkipReason
{
    /// <summary>The file names the same account with the same relation again.</summary>
    DuplicateInFile,

    /// <summary>Sync saw the relation end; a file without dates cannot say it is back.</summary>
    RelationEnded,

    /// <summary>The user's server knows no account at that address now.</summary>
    NotFound,

    /// <summary>The user has the account, but its stored data fails its integrity check.</summary>
    Unreadable,
}

/// <summary>The codes and sentences of <see cref="ImportSkipReason"/>.</summary>
public static class ImportSkipReasons
{
    public static string Code(ImportSkipReason reason) => reason switch
    {
        ImportSkipReason.DuplicateInFile => "duplicate-in-file",
        ImportSkipReason.RelationEnded => "relation-ended",
        ImportSkipReason.NotFound => "not-found",
        _ => "unreadable",
    };

    public static string Explain(ImportSkipReason reason) => reason switch
    {
        ImportSkipReason.DuplicateInFile => "The file names this account with this relation more than once; it is imported once.",
        ImportSkipReason.RelationEnded =>
            "Your last sync saw this relation end, and the file has no date to say it began again: the next sync will show it if it is back.",
        ImportSkipReason.NotFound => "Your server knows no account at this address now (it may have been deleted or renamed).",
        _ => "You have this account, but its stored data failed its integrity check: delete it in Reasonable, then import again.",
    };
}
