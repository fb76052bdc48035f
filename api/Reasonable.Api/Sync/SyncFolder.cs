using Reasonable.Api.Providers;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Sync;

/// <summary>
/// Folds what the sync job fetched into the user's accounts, with the keys of the user's own request: opens each
/// sealed page in turn, creates or updates its accounts, and deletes it, one page per transaction. Once a relation is
/// fetched to the end and folded, accounts it no longer lists are marked ended (their history kept). Each call works
/// for at most about <see cref="SyncOptions.FoldBudget"/> (one page or one sweep batch past it), so no request waits
/// on a whole large sync, and holds one page of accounts in memory at a time.
/// </summary>
public sealed class SyncFolder(
    NpgsqlDataSource dataSource, SyncRepository sync, MasterKeyRing ring, SyncOptions options, TimeProvider time, ILogger<SyncFolder> logger)
{
    private const int SweepBatch = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task FoldAsync(UserKeyRing keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = await sync.KeysAsync(keys.UserId, cancellationToken);
        if (stored is not { } sealedKeys)
        {
            return; // no key pair yet, so nothing was ever sealed to one
        }

        SyncKeyPair pair;
        try
        {
            pair = SyncKeys.Open(ring, keys, sealedKeys.SealedPublicKey, sealedKeys.WrappedSecretKey);
        }
        catch (CiphertextException exception)
        {
            logger.LogWarning("The sync key pair of a user does not open ({Failure}); their fetched pages stay unfolded.", exception.Failure);
            return;
        }

        using (pair)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < options.FoldBudget && await FoldNextPageAsync(keys, pair, cancellationToken))
            {
            }

            if (clock.Elapsed < options.FoldBudget)
            {
                await SweepAsync(keys, clock, cancellationToken);
            }
        }
    }

    /// <summary>Folds the oldest page; false when there is none, or another request is folding.</summary>
    private async Task<bool> FoldNextPageAsync(UserKeyRing keys, SyncKeyPair pair, CancellationToken cancellationToken)
    {
        await using var step = await SyncFoldTransaction.TryBeginAsync(dataSource, keys.UserId, cancellationToken);
        var page = step is null ? null : await step.NextPageAsync(cancellationToken);
        if (step is null || page is null)
        {
            return false;
        }

        List<SyncedAccount> accounts;
        try
        {
            var payload = OpenPage(pair, keys.UserId, page);
            accounts = JsonSerializer.Deserialize<List<SyncedAccount>>(payload, Json) ?? [];
        }
        catch (Exception exception) when (exception is CiphertextException or JsonException)
        {
            logger.LogWarning("Sync run {RunId}: a fetched {Relation} page does not open and is dropped.", page.RunId, page.Relation);
            await step.DropPageAsync(page, "A fetched page could not be opened, so this relation was not brought up to date. Start the sync again.", cancellationToken);
            await step.CommitAsync(cancellationToken);
            return true;
        }

        accounts = [.. accounts.DistinctBy(account => account.Id)];
        await FoldAccountsAsync(step, keys, RelationNames.Parse(page.Relation), page.FetchedAt, accounts, cancellationToken);
        await step.DeletePageAsync(page, accounts.Count, cancellationToken);
        await step.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>New accounts start the relation; known ones (found by blind index) take the new profile and are seen again.</summary>
    private async Task FoldAccountsAsync(
        SyncFoldTransaction step, UserKeyRing keys, Relation relation, DateTimeOffset fetchedAt, List<SyncedAccount> accounts, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, (AccountRow Row, AccountDocument Document)>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var indexes = accounts.Select(account => BlindIndexes.ProviderAccountId(keys, account.Id)).ToArray();
        foreach (var row in await step.AccountsByIndexAsync(indexes, cancellationToken))
        {
            if (TryOpen(keys, row) is { } document)
            {
                known[document.ProviderAccountId] = (row, document);
            }
            else
            {
                unreadable.Add(Convert.ToHexString(row.ProviderAccountIdIndex)); // left alone, and not inserted twice
            }
        }

        var now = Now();
        var inserts = new List<AccountRow>();
        var updates = new List<AccountRow>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            if (known.TryGetValue(account.Id, out var existing))
            {
                var before = existing.Document.Get(relation);
                var document = existing.Document with
                {
                    Handle = account.Handle, DisplayName = account.Name, AvatarUrl = account.AvatarUrl, ProfileUrl = account.ProfileUrl, MovedTo = account.MovedTo,
                };
                document = document.With(relation, before?.SeenAt(fetchedAt, account.EndsAt) ?? RelationState.Started(fetchedAt, account.EndsAt));
                var lastActivity = before?.Active == true ? existing.Row.LastActivityAt : Latest(existing.Row.LastActivityAt, fetchedAt);
                updates.Add(AccountCipher.Seal(keys, existing.Row.Id, document, lastActivity, existing.Row.CreatedAt, now));
            }
            else if (!unreadable.Contains(Convert.ToHexString(indexes[i])))
            {
                var document = new AccountDocument(account.Id, account.Handle, account.Name, account.AvatarUrl, null, null, null, account.ProfileUrl, account.MovedTo)
                    .With(relation, RelationState.Started(fetchedAt, account.EndsAt));
                inserts.Add(AccountCipher.Seal(keys, Guid.CreateVersion7(), document, fetchedAt, now, now));
            }
        }

        await step.WriteAccountsAsync(inserts, updates, cancellationToken);
    }

    /// <summary>
    /// For each relation fetched to the end with all its pages folded: accounts still active in it but not seen since
    /// the run was requested are no longer blocked, muted or followed; they are marked ended, history kept. Streams
    /// the candidates (by the relation's blind index) in id order, in batches, each its own transaction that also
    /// records how far it got, so a sweep cut off by the fold budget resumes there on the next request.
    /// </summary>
    private async Task SweepAsync(UserKeyRing keys, Stopwatch clock, CancellationToken cancellationToken)
    {
        IReadOnlyList<(Guid RunId, string Relation, DateTimeOffset RequestedAt, Guid SweptThrough)> relations;
        await using (var step = await SyncFoldTransaction.TryBeginAsync(dataSource, keys.UserId, cancellationToken))
        {
            if (step is null)
            {
                return;
            }

            relations = await step.RelationsToSweepAsync(cancellationToken);
        }

        foreach (var (runId, relationName, requestedAt, sweptThrough) in relations)
        {
            var relation = RelationNames.Parse(relationName);
            var relationIndex = BlindIndexes.Relation(keys, relation);
            var after = sweptThrough;
            while (true)
            {
                if (clock.Elapsed >= options.FoldBudget)
                {
                    return; // the next request goes on from `after`
                }

                await using var step = await SyncFoldTransaction.TryBeginAsync(dataSource, keys.UserId, cancellationToken);
                if (step is null)
                {
                    return; // another request is folding; it or the next one finishes the sweep
                }

                var batch = await step.AccountsWithRelationAsync(relationIndex, after, SweepBatch, cancellationToken);
                if (batch.Count == 0)
                {
                    await step.MarkFoldedAsync(runId, relationName, cancellationToken);
                    await step.CommitAsync(cancellationToken);
                    break;
                }

                var now = Now();
                var ended = new List<AccountRow>();
                foreach (var row in batch)
                {
                    var document = TryOpen(keys, row);
                    if (document?.Get(relation) is { Active: true } state && state.LastSeen < requestedAt)
                    {
                        ended.Add(AccountCipher.Seal(keys, row.Id, document.With(relation, state.EndedBy(now)), Latest(row.LastActivityAt, now), row.CreatedAt, now));
                    }
                }

                after = batch[^1].Id;
                await step.WriteAccountsAsync([], ended, cancellationToken);
                await step.MarkSweptThroughAsync(runId, relationName, after, cancellationToken);
                await step.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Opens a sealed page. Pages sealed before migration 0005 name their relation by its old word inside the sealed
    /// binding (blocking, muting); that word is accepted for the same relation only, so a page still cannot move.
    /// </summary>
    private static byte[] OpenPage(SyncKeyPair pair, Guid userId, SyncPageRow page)
    {
        try
        {
            return SyncSeal.Open(pair, new SyncPageBinding(userId, page.RunId, page.Relation, page.Page), page.SealedAccounts);
        }
        catch (CiphertextException) when (LegacyRelationWord(page.Relation) is { } legacy)
        {
            return SyncSeal.Open(pair, new SyncPageBinding(userId, page.RunId, legacy, page.Page), page.SealedAccounts);
        }
    }

    private static string? LegacyRelationWord(string relation) => relation switch
    {
        "blocked" => "blocking",
        "muted" => "muting",
        _ => null,
    };

    private AccountDocument? TryOpen(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return AccountCipher.Open(keys, row);
        }
        catch (CiphertextException)
        {
            logger.LogWarning("Account {AccountId} does not open; sync leaves it as it is.", row.Id);
            return null;
        }
    }

    private DateTimeOffset Now() => DatabaseClock.Now(time);

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
