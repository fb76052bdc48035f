using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Accounts;

/// <summary>
/// The accounts list taken whole: the orders the database cannot give (by handle, which is encrypted; accounts without a
/// reason first) and the exact number of accounts a filter matches. Each opens every account of the user (a batch at a
/// time, through <see cref="AccountSearch.AllAsync"/>) and checks the filter after decryption, so it costs one pass
/// over the user's rows; without any filter the count is the database's own.
/// </summary>
public sealed class AccountCatalog(AccountSearch search, AccountRepository accounts)
{
    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions HandleOrder = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    /// <summary>One page of the list in <paramref name="sort"/> order, from <paramref name="offset"/>.</summary>
    public async Task<AccountPageResult> SortedPageAsync(
        UserKeyRing keys, AccountFilter filter, AccountSort sort, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var unreadable = new UnreadableTally();
        var matching = await MatchingAsync(keys, filter, unreadable, cancellationToken);
        IEnumerable<AccountView> ordered = sort == AccountSort.Handle
            ? matching.Order(Comparer<AccountView>.Create(ByHandle))
            : matching.OrderBy(view => view.ReasonCount > 0).ThenByDescending(view => view.Row.LastActivityAt).ThenByDescending(view => view.Row.Id);
        var page = ordered.Skip(offset).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var items = page.Take(limit).Select(view => view with { Reasons = view.Reasons.Take(1).ToList() }).ToList();
        return new AccountPageResult(items, hasMore ? EncodeCursor(offset + limit) : null, unreadable.Count);
    }

    /// <summary>How many of the user's accounts match the filter, and how many stored rows failed their integrity check on the way.</summary>
    public async Task<(int Matching, int Unreadable)> CountAsync(UserKeyRing keys, AccountFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter is { Relation: null, Tag: null, ProviderAccountId: null, HasReasons: null, Text: null })
        {
            return (await accounts.CountAsync(keys.UserId, cancellationToken), 0);
        }

        var unreadable = new UnreadableTally();
        var matching = await MatchingAsync(keys, filter, unreadable, cancellationToken);
        return (matching.Count, unreadable.Count);
    }

    /// <summary>An offset in the sorted list, as an opaque cursor (it names no account).</summary>
    public static string EncodeCursor(int offset) =>
        WebEncoders.Base64UrlEncode(System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o{offset}")));

    public static bool TryDecodeCursor(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var text = System.Text.Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task<List<AccountView>> MatchingAsync(UserKeyRing keys, AccountFilter filter, UnreadableTally unreadable, CancellationToken cancellationToken)
    {
        var matching = new List<AccountView>();
        await foreach (var view in search.AllAsync(keys, unreadable, cancellationToken))
        {
            if ((filter.HasReasons is not { } wanted || wanted == view.ReasonCount > 0)
                && filter.Matches(view.Document, [.. view.Reasons.Select(reason => reason.Content)]))
            {
                matching.Add(view);
            }
        }

        return matching;
    }

    private static int ByHandle(AccountView a, AccountView b)
    {
        var byHandle = Compare.Compare(a.Document.Handle, b.Document.Handle, HandleOrder);
        return byHandle != 0 ? byHandle : a.Row.Id.CompareTo(b.Row.Id);
    }
}
