using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// One import, as one transaction holding the user's fold lock (the lock sync folds and actions take), so the file's
/// accounts and reasons appear all at once or not at all, and no sync fold rewrites an account in between. Sees only
/// ciphertext and indexes. A preview runs the same reads and is rolled back.
/// </summary>
public sealed class ImportTransaction : IAsyncDisposable
{
    private const int CommandsPerBatch = 500;
    private const string ReasonColumns = "id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at";

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly Guid userId;

    private ImportTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.userId = userId;
    }

    /// <summary>Begins the import, waiting a while for a sync fold of the same user; null when it is still folding.</summary>
    public static async Task<ImportTransaction?> BeginAsync(NpgsqlDataSource dataSource, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var step = new ImportTransaction(connection, transaction, userId);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("set local lock_timeout = '10s'", transaction: transaction, cancellationToken: cancellationToken));
            await SyncFoldTransaction.WaitForLockAsync(connection, transaction, userId, cancellationToken);
            return step;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await step.DisposeAsync();
            return null;
        }
    }

    /// <summary>Every account of the user (the import matches the file against all of them, after decrypting).</summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(CancellationToken cancellationToken)
    {
        const string sql = $"select {SyncFoldTransaction.AccountColumns} from accounts where user_id = @UserId";
        return [.. await connection.QueryAsync<AccountRow>(new CommandDefinition(sql, new { UserId = userId }, transaction, cancellationToken: cancellationToken))];
    }

    /// <summary>Every reason of these accounts of the user.</summary>
    public async Task<IReadOnlyList<ReasonRow>> ReasonsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        if (accountIds.Count == 0)
        {
            return [];
        }

        const string sql = $"select {ReasonColumns} from reasons where user_id = @UserId and account_id = any(@AccountIds)";
        return [.. await connection.QueryAsync<ReasonRow>(
            new CommandDefinition(sql, new { UserId = userId, AccountIds = accountIds.ToArray() }, transaction, cancellationToken: cancellationToken))];
    }

    /// <summary>Inserts the new accounts (by COPY, as the sync's fold does), then rewrites the changed ones and inserts the new reasons in batches of one round trip each.</summary>
    public async Task WriteAsync(
        IReadOnlyCollection<AccountRow> inserts, IReadOnlyCollection<AccountRow> updates, IReadOnlyCollection<ReasonRow> reasons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inserts);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(reasons);
        if (inserts.Count > 0)
        {
            await SyncFoldTransaction.CopyNewAccountsAsync(connection, inserts, cancellationToken);
        }

        // Then the reasons, which refer to the accounts; each row's search tokens right after it (they refer to it).
        var commands = updates.SelectMany(row => new[] { SyncFoldTransaction.UpdateAccount(row), SearchIndexRepository.Command(SearchTokenRow.Of(row)) })
            .Concat(reasons.SelectMany(row => new[]
            {
                SyncFoldTransaction.Command(
                    """
                    insert into reasons (id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    row.Id, row.UserId, row.AccountId, row.ContentCiphertext.ToArray(), row.TagIndexes, row.Version, row.CreatedAt, row.UpdatedAt),
                SearchIndexRepository.Command(SearchTokenRow.Of(row)),
            }));
        foreach (var chunk in commands.Chunk(CommandsPerBatch))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in chunk)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
