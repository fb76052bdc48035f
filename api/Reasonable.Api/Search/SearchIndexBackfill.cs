using System.Diagnostics;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Search;

/// <summary>
/// Indexes the rows of a user who has some without search tokens (everyone who existed before the index, or who
/// asked for a rebuild), with the keys of their own requests: the index is made of their data, which only their
/// requests can open, so no background job can do it. Each call works for at most <see cref="Budget"/>, a batch of
/// accounts (with their reasons) at a time, and leaves a cursor, so a rebuild survives any interruption.
/// </summary>
public sealed class SearchIndexBackfill(AccountRepository accounts, ReasonRepository reasons, SearchIndexRepository index)
{
    public const int BatchSize = 200;

    /// <summary>How long one request spends indexing before it answers.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    /// <summary>True when every row of the user is indexed (after this call's work), so searches may use the index.</summary>
    public async Task<bool> CatchUpAsync(UserKeyRing keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var clock = Stopwatch.StartNew();
        var backlog = await index.BacklogAsync(keys.UserId, cancellationToken);
        while (backlog is not null && clock.Elapsed < Budget)
        {
            var batch = await accounts.BatchAsync(keys.UserId, backlog.Cursor ?? Guid.Empty, BatchSize, cancellationToken);
            var rows = await TokensAsync(keys, batch, cancellationToken);
            var done = batch.Count < BatchSize;
            var cursor = batch.Count > 0 ? batch[^1].Id : backlog.Cursor;
            switch (await index.BackfillAsync(keys.UserId, backlog, rows, cursor, done, cancellationToken))
            {
                case SearchBackfill.Stored:
                    backlog = done ? null : backlog with { Cursor = cursor };
                    break;
                case SearchBackfill.Superseded:
                    backlog = await index.BacklogAsync(keys.UserId, cancellationToken);
                    break;
                default:
                    break;
            }
        }

        return backlog is null;
    }

    /// <summary>The tokens of a batch of accounts and all their reasons; rows that fail their integrity check get none.</summary>
    private async Task<List<SearchTokenRow>> TokensAsync(UserKeyRing keys, IReadOnlyList<AccountRow> batch, CancellationToken cancellationToken)
    {
        var rows = new List<SearchTokenRow>();
        if (batch.Count == 0)
        {
            return rows;
        }

        foreach (var account in batch)
        {
            if (TryOpen(() => AccountCipher.Open(keys, account)) is { } document)
            {
                rows.Add(new SearchTokenRow(account.Id, keys.UserId, account.Id, null, SearchTokens.ForAccount(keys, document)));
            }
        }

        foreach (var reason in await reasons.ListForAccountsAsync(keys.UserId, [.. batch.Select(account => account.Id)], cancellationToken))
        {
            if (TryOpen(() => ReasonCipher.Open(keys, reason)) is { } content)
            {
                rows.Add(new SearchTokenRow(reason.Id, keys.UserId, reason.AccountId, reason.Id, SearchTokens.ForReason(keys, content)));
            }
        }

        return rows;
    }

    private static T? TryOpen<T>(Func<T> open)
        where T : class
    {
        try
        {
            return open();
        }
        catch (CiphertextException)
        {
            return null;
        }
    }
}
