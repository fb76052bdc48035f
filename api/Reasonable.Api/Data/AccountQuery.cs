namespace Reasonable.Api.Data;

/// <summary>
/// The database's part of an accounts list: exact filters by blind index, a free-text search's candidates, and a
/// keyset position. The final check of each filter, free text included, happens after decryption (see Accounts/AccountSearch).
/// </summary>
public sealed record AccountQuery
{
    public required Guid UserId { get; init; }

    public byte[]? RelationIndex { get; init; }

    public byte[]? TagIndex { get; init; }

    public byte[]? ProviderAccountIdIndex { get; init; }

    public bool? HasReasons { get; init; }

    /// <summary>Only these accounts (a free-text search's candidates, see SearchIndexRepository); null: any account.</summary>
    public Guid[]? AccountIds { get; init; }

    /// <summary>
    /// Only accounts whose rows (the account's and its reasons') hold every one of these search tokens, probed account
    /// by account as the list is walked in order (a common word's search); null: any account.
    /// </summary>
    public int[]? HeldTokens { get; init; }

    /// <summary>
    /// With <see cref="HeldTokens"/>: only the next this many accounts of the list (after <see cref="After"/>, before
    /// the tokens' probe) are looked at, so a probe for a rare word stays cheap; null: the walk goes on to the end.
    /// </summary>
    public int? Window { get; init; }

    public bool OldestFirst { get; init; }

    /// <summary>Rows strictly after this position in the chosen order (a cursor), or from the start when null.</summary>
    public AccountPosition? After { get; init; }

    public required int Limit { get; init; }
}

/// <summary>Where an account sits in the list order.</summary>
public sealed record AccountPosition(DateTimeOffset LastActivityAt, Guid Id);
