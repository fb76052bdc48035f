using System.Runtime.CompilerServices;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;
using Reasonable.Api.Search;
using Reasonable.Crypto;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Lists and searches one user's accounts. The database narrows by blind index (and free text by the search index's
/// candidates, once the user's rows are all indexed) and walks the list in order, a batch at a time; each batch is
/// decrypted and checked here, so a search streams through the user's rows instead of loading them whole, and stops
/// as soon as the page is full.
/// </summary>
public sealed class AccountSearch(
    AccountRepository accounts, ReasonRepository reasons, SearchIndexBackfill backfill, SearchIndexRepository index, CommonWords commonWords)
{
    /// <summary>The most rows read per round trip while free text or a truncated index may reject some.</summary>
    private const int ScanBatch = 500;

    /// <summary>
    /// A free-text search whose tokens are in more than a batch's worth of index rows walks the list when a batch of
    /// accounts holding them is found within this many batches' worth of the list; otherwise it collects its
    /// candidates from the index first.
    /// </summary>
    private const int WalkTrialBatches = 4;

    /// <summary>
    /// How many more reasons holding a query token an account opens in each round while its newest does not decide it:
    /// one first (a row holding the token almost always holds the word), a few more, then the rest.
    /// </summary>
    private static readonly int[] ReasonRounds = [1, 8, int.MaxValue];

    /// <summary>Below this many rows, decrypting on one thread is cheaper than spreading the work.</summary>
    private const int ParallelThreshold = 64;

    public async Task<AccountPageResult> PageAsync(
        UserKeyRing keys, AccountFilter filter, AccountPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(filter);
        var found = new List<AccountView>(limit + 1);
        var unreadable = 0;
        var position = after;
        var batchSize = limit + 1;
        // Free text narrows by the search index once the user's rows are all in it; until then it reads everything.
        var tokens = filter.Text is { } text && await backfill.CatchUpAsync(keys, cancellationToken) ? text.Tokens(keys) : null;
        var rowTokens = tokens is null ? null : filter.Text!.RowTokens(keys);
        // A rare word's index rows are few: they are read first, capped at a batch's worth (reading more costs a common
        // word more than the walk it then takes), and when all came its candidates are read by id. A common word is
        // found by walking the list in order, each account probed as it is reached, so its first page reads about a
        // page of accounts: the walk is tried over the next few batches' worth of the list, and goes on when a batch
        // fills there; otherwise (common tokens, rare together) every candidate is collected. With the index, an
        // account is decided on its newest reason and, when that is not enough, on the reasons whose rows hold a query
        // token (unless a tag filter needs every reason). A search that was of a common word last time (its next page,
        // or the same search again) tries the walk at once, without the capped read.
        var byIndex = tokens is not null && filter.Tag is null;
        var allReasons = filter.NeedsAllReasons && !byIndex;
        var wasCommon = tokens is not null && commonWords.WasCommon(keys.UserId, tokens) == true;
        var candidates = tokens is null || wasCommon ? null : await index.CandidatesAsync(keys.UserId, tokens, rowTokens, rowCap: batchSize, cancellationToken);
        var walked = tokens is null || candidates is not null ? null
            : await ListAsync(Query(keys, filter, position, batchSize) with { HeldTokens = tokens, Window = batchSize * WalkTrialBatches }, allReasons, cancellationToken);
        var walkTokens = walked?.Count == batchSize ? tokens : null;
        if (tokens is not null)
        {
            if (candidates is null && walkTokens is null)
            {
                candidates = await index.CandidatesAsync(keys.UserId, tokens, rowTokens, rowCap: null, cancellationToken);
            }

            commonWords.Remember(keys.UserId, tokens, common: walkTokens is not null);
        }

        var first = walkTokens is not null ? walked : null;
        while (found.Count <= limit && candidates?.AccountIds is not [])
        {
            var batch = first ?? await ListAsync(
                Query(keys, filter, position, batchSize) with { AccountIds = candidates?.AccountIds, HeldTokens = walkTokens }, allReasons, cancellationToken);
            first = null;
            if (batch.Count == 0)
            {
                break;
            }

            var views = await OpenAsync(keys, batch, allReasons, cancellationToken);
            unreadable += batch.Count - views.Count;
            var matches = byIndex ? await MatchByIndexAsync(keys, filter, views, tokens!, cancellationToken) : MatchAll(filter, views);
            foreach (var match in matches)
            {
                found.Add(match);
                if (found.Count > limit)
                {
                    break;
                }
            }

            if (batch.Count < batchSize)
            {
                break;
            }

            position = new AccountPosition(batch[^1].Account.LastActivityAt, batch[^1].Account.Id);
            // A common word fills the page from the first small batch; a rare one scans on in growing batches.
            batchSize = Math.Min(batchSize * 2, ScanBatch);
        }

        var hasMore = found.Count > limit;
        var items = hasMore ? found[..limit] : found;
        var next = hasMore ? AccountListCursor.Encode(new AccountPosition(items[^1].Row.LastActivityAt, items[^1].Row.Id)) : null;
        // When free text only shows the newest reason, keep the list small: the account page has the timeline.
        return new AccountPageResult([.. items.Select(item => item with { Reasons = item.Reasons.Take(1).ToList() })], next, unreadable);
    }

    /// <summary>The views that match the filter over the reasons they were opened with, in order.</summary>
    private static IEnumerable<AccountView> MatchAll(AccountFilter filter, List<AccountView> views)
    {
        foreach (var view in views)
        {
            if (filter.MatchedIn(view.Document, [.. view.Reasons.Select(reason => reason.Content)]) is { } fields)
            {
                yield return filter.Text is null ? view : view with { MatchedIn = fields };
            }
        }
    }

    /// <summary>
    /// The views that match, in order, each decided on its document and newest reason and, while that is not enough,
    /// on more of its reasons whose index rows hold a query token (a few, then the rest), so an account with hundreds
    /// of reasons holding a common word opens only the few it takes. Where it matched is said of what was opened.
    /// </summary>
    private async Task<List<AccountView>> MatchByIndexAsync(
        UserKeyRing keys, AccountFilter filter, List<AccountView> views, int[] tokens, CancellationToken cancellationToken)
    {
        var opened = views.ToDictionary(view => view.Row.Id, view => view.Reasons.ToList());
        var matchedIn = new Dictionary<Guid, IReadOnlyList<SearchField>>();
        var undecided = views;
        foreach (var round in ReasonRounds)
        {
            var next = undecided.Where(view => !Decide(filter, view, opened[view.Row.Id], matchedIn) && view.ReasonCount > opened[view.Row.Id].Count).ToList();
            if (next.Count == 0)
            {
                break;
            }

            var rows = await reasons.HoldingTokensAsync(
                keys.UserId, [.. next.Select(view => view.Row.Id)], tokens, [.. next.SelectMany(view => opened[view.Row.Id].Select(reason => reason.Row.Id))], round, cancellationToken);
            var fetched = rows.GroupBy(row => row.AccountId).ToDictionary(group => group.Key, group => group.Count());
            foreach (var reason in OpenAll(rows, row => ReasonView.TryOpen(keys, row)).OfType<ReasonView>())
            {
                opened[reason.Row.AccountId].Add(reason);
            }

            // An account that got fewer than it asked for has no more reasons holding a token: decide it now, for good.
            foreach (var view in next.Where(view => fetched.GetValueOrDefault(view.Row.Id) < round))
            {
                Decide(filter, view, opened[view.Row.Id], matchedIn);
            }

            undecided = [.. next.Where(view => fetched.GetValueOrDefault(view.Row.Id) >= round)];
        }

        return [.. views.Where(view => matchedIn.ContainsKey(view.Row.Id)).Select(view => view with { MatchedIn = matchedIn[view.Row.Id] })];
    }

    /// <summary>True (and where, in <paramref name="matchedIn"/>) when the account matches over these reasons.</summary>
    private static bool Decide(AccountFilter filter, AccountView view, List<ReasonView> reasons, Dictionary<Guid, IReadOnlyList<SearchField>> matchedIn)
    {
        if (filter.MatchedIn(view.Document, [.. reasons.Select(reason => reason.Content)]) is not { } fields)
        {
            return false;
        }

        matchedIn[view.Row.Id] = fields;
        return true;
    }

    /// <summary>
    /// Every account with every reason, oldest activity first, a batch at a time (for export). Rows that fail their
    /// integrity check are counted in <paramref name="unreadable"/> and left out.
    /// </summary>
    public async IAsyncEnumerable<AccountView> AllAsync(
        UserKeyRing keys, UnreadableTally unreadable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(unreadable);
        var filter = new AccountFilter { OldestFirst = true };
        AccountPosition? position = null;
        while (true)
        {
            var batch = await ListAsync(Query(keys, filter, position, ScanBatch), allReasons: true, cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            var views = await OpenAsync(keys, batch, allReasons: true, cancellationToken);
            unreadable.Count += batch.Count - views.Count + views.Sum(view => view.ReasonCount - view.Reasons.Count);
            foreach (var view in views)
            {
                yield return view;
            }

            position = new AccountPosition(batch[^1].Account.LastActivityAt, batch[^1].Account.Id);
        }
    }

    /// <summary>
    /// The accounts whose <paramref name="relation"/> is active now, oldest activity first, a batch at a time, without
    /// their reasons (for the server-move export). The database narrows by the relation's blind index; each opened
    /// document is checked again, since a truncated index can match a row it should not. Rows that fail their
    /// integrity check are counted in <paramref name="unreadable"/> and left out.
    /// </summary>
    public async IAsyncEnumerable<AccountDocument> ActiveAsync(
        UserKeyRing keys, Relation relation, UnreadableTally unreadable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(unreadable);
        var filter = new AccountFilter { Relation = relation, OldestFirst = true };
        AccountPosition? position = null;
        while (true)
        {
            var batch = await accounts.ListAsync(Query(keys, filter, position, ScanBatch), cancellationToken);
            var documents = OpenAll(batch, row => TryOpen(keys, row));
            foreach (var document in documents)
            {
                if (document is null)
                {
                    unreadable.Count++;
                }
                else if (document.Get(relation)?.Active == true)
                {
                    yield return document;
                }
            }

            if (batch.Count < ScanBatch)
            {
                yield break;
            }

            position = new AccountPosition(batch[^1].LastActivityAt, batch[^1].Id);
        }
    }

    /// <summary>
    /// One account with its whole timeline, or null when the user has no such account. Throws
    /// <see cref="CiphertextException"/> when the account itself fails its integrity check.
    /// </summary>
    public async Task<AccountView?> FindAsync(UserKeyRing keys, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var row = await accounts.FindAsync(keys.UserId, id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var document = AccountCipher.Open(keys, row);
        var timeline = await reasons.ListForAccountsAsync(keys.UserId, [id], cancellationToken);
        // A reason that fails its integrity check is left out (ReasonCount still counts it), never shown.
        return new AccountView(row, document, timeline.Count, [.. timeline.Select(reason => ReasonView.TryOpen(keys, reason)).OfType<ReasonView>()]);
    }

    /// <summary>A batch of the list: with each account's newest reason and count, unless every reason is read after it.</summary>
    private async Task<IReadOnlyList<ListedAccountRow>> ListAsync(AccountQuery query, bool allReasons, CancellationToken cancellationToken) =>
        allReasons
            ? [.. (await accounts.ListAsync(query, cancellationToken)).Select(row => new ListedAccountRow(row, 0, null))]
            : await accounts.ListWithLatestReasonAsync(query, cancellationToken);

    /// <summary>
    /// Decrypts a batch and its reasons: all of them (read here), or the newest of each account (read with the batch).
    /// Rows or reasons that fail their integrity check are left out.
    /// </summary>
    private async Task<List<AccountView>> OpenAsync(
        UserKeyRing keys, IReadOnlyList<ListedAccountRow> batch, bool allReasons, CancellationToken cancellationToken)
    {
        var reasonsByAccount = new Dictionary<Guid, (int Count, List<ReasonView> Views)>();
        if (allReasons)
        {
            var rows = await reasons.ListForAccountsAsync(keys.UserId, [.. batch.Select(row => row.Account.Id)], cancellationToken);
            var opened = OpenAll(rows, row => ReasonView.TryOpen(keys, row));
            for (var i = 0; i < rows.Count; i++)
            {
                var entry = reasonsByAccount.TryGetValue(rows[i].AccountId, out var existing) ? existing : (0, []);
                entry.Count++;
                if (opened[i] is { } view)
                {
                    entry.Views.Add(view);
                }

                reasonsByAccount[rows[i].AccountId] = entry;
            }
        }

        var documents = OpenAll(batch, row => TryOpen(keys, row.Account));
        var latest = allReasons ? null : OpenAll(batch, row => row.LatestReason is { } reason ? ReasonView.TryOpen(keys, reason) : null);
        var views = new List<AccountView>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (documents[i] is not { } document)
            {
                continue;
            }

            var (count, reasonViews) = allReasons
                ? reasonsByAccount.GetValueOrDefault(batch[i].Account.Id, (0, []))
                : (batch[i].ReasonCount, latest![i] is { } view ? [view] : new List<ReasonView>());
            views.Add(new AccountView(batch[i].Account, document, count, reasonViews));
        }

        return views;
    }

    /// <summary>Opens every row, in order; a large batch (a search scan) is spread over the cores.</summary>
    private static TResult?[] OpenAll<TRow, TResult>(IReadOnlyList<TRow> rows, Func<TRow, TResult?> open)
        where TResult : class
    {
        var results = new TResult?[rows.Count];
        if (rows.Count < ParallelThreshold)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                results[i] = open(rows[i]);
            }
        }
        else
        {
            Parallel.For(0, rows.Count, i => results[i] = open(rows[i]));
        }

        return results;
    }

    private static AccountDocument? TryOpen(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return AccountCipher.Open(keys, row);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }

    private static AccountQuery Query(UserKeyRing keys, AccountFilter filter, AccountPosition? after, int limit) => new()
    {
        UserId = keys.UserId,
        RelationIndex = filter.Relation is { } relation ? BlindIndexes.Relation(keys, relation) : null,
        TagIndex = filter.Tag is { } tag ? BlindIndexes.Tag(keys, tag) : null,
        ProviderAccountIdIndex = filter.ProviderAccountId is { } id ? BlindIndexes.ProviderAccountId(keys, id) : null,
        HasReasons = filter.HasReasons,
        OldestFirst = filter.OldestFirst,
        After = after,
        Limit = limit,
    };
}
