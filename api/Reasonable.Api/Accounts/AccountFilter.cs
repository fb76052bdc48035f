using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;
using Reasonable.Api.Search;

namespace Reasonable.Api.Accounts;

/// <summary>What the caller asked of the accounts list, checked. The database applies it by blind index; <see cref="Matches"/> re-checks it on decrypted values.</summary>
public sealed record AccountFilter
{
    public Relation? Relation { get; init; }

    public string? Tag { get; init; }

    public string? ProviderAccountId { get; init; }

    public bool? HasReasons { get; init; }

    public SearchQuery? Text { get; init; }

    public bool OldestFirst { get; init; }

    /// <summary>True when every reason must be read to decide (free text or tag), not only the latest.</summary>
    public bool NeedsAllReasons => Text is not null || Tag is not null;

    /// <summary>Rows the database returns may be false positives of a truncated index: each is checked again here.</summary>
    public bool Matches(AccountDocument account, IReadOnlyList<ReasonContent> reasons) =>
        MatchesBesidesText(account, reasons) && (Text is null || Text.MatchedIn(account, reasons) is not null);

    /// <summary>
    /// Where the account matches every filter, free text included (see <see cref="SearchQuery.MatchedIn"/>), or null
    /// when it does not; without free text, an empty list when it matches.
    /// </summary>
    public IReadOnlyList<SearchField>? MatchedIn(AccountDocument account, IReadOnlyList<ReasonContent> reasons) =>
        !MatchesBesidesText(account, reasons) ? null : Text is null ? [] : Text.MatchedIn(account, reasons);

    private bool MatchesBesidesText(AccountDocument account, IReadOnlyList<ReasonContent> reasons)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(reasons);
        if (Relation is { } relation && account.Get(relation)?.Active != true)
        {
            return false;
        }

        if (ProviderAccountId is not null && account.ProviderAccountId != ProviderAccountId)
        {
            return false;
        }

        if (Tag is not null && !reasons.Any(reason => reason.Tags.Any(tag => Tags.Same(tag, Tag))))
        {
            return false;
        }

        return true;
    }
}
