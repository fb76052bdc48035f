using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Importing;

/// <summary>
/// Plans an import against the user's accounts as they are inside one <see cref="ImportTransaction"/>, and for a
/// confirmed import writes the plan in that same transaction: all of it appears at once, or none of it.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The plan, written when <paramref name="write"/>; null when a sync fold of the user held the lock too long.</summary>
    public async Task<(ImportPlan Plan, IReadOnlyCollection<string> HandlesToLookUp)?> RunAsync(
        UserKeyRing keys,
        IReadOnlyList<ImportedAccount> entries,
        IReadOnlyDictionary<string, ProviderProfile?>? lookups,
        bool write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(entries);
        await using var transaction = await ImportTransaction.BeginAsync(dataSource, keys.UserId, cancellationToken);
        if (transaction is null)
        {
            return null;
        }

        var accounts = await transaction.AccountsAsync(cancellationToken);
        var reasons = await transaction.ReasonsAsync(AccountsWithReasonsInFile(keys, entries, accounts), cancellationToken);
        var planned = ImportPlanner.Plan(keys, entries, accounts, reasons, lookups, DatabaseClock.Now(time));
        if (write)
        {
            var plan = planned.Plan;
            await transaction.WriteAsync(plan.Inserts, plan.Updates, plan.Reasons, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return planned;
    }

    /// <summary>The user's accounts the file's reasons may already be on (by provider id index): only their reasons are read.</summary>
    private static List<Guid> AccountsWithReasonsInFile(UserKeyRing keys, IReadOnlyList<ImportedAccount> entries, IReadOnlyList<AccountRow> accounts)
    {
        var indexes = entries.Where(entry => entry.Reasons.Count > 0 && entry.AccountId is not null)
            .Select(entry => Convert.ToHexString(BlindIndexes.ProviderAccountId(keys, entry.AccountId!)))
            .ToHashSet(StringComparer.Ordinal);
        return indexes.Count == 0 ? [] : [.. accounts.Where(row => indexes.Contains(Convert.ToHexString(row.ProviderAccountIdIndex))).Select(row => row.Id)];
    }
}
