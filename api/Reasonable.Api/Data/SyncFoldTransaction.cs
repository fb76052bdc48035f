using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Reasonable.Api.Data;

/// <summary>
/// One step of folding sync pages into accounts, as one transaction holding the user's fold lock (a transaction
/// advisory lock), so two requests never fold the same page. Sees only ciphertext, indexes and sealed pages.
/// </summary>
public sealed class SyncFoldTransaction : IAsyncDisposable
{
    /// <summary>The advisory lock class of a user's fold lock; anything else that rewrites their accounts takes it too.</summary>
    public const int FoldLockClass = 0x53594E02;

    /// <summary>An account row's columns, as every writer that shares the fold's commands reads them.</summary>
    internal const string AccountColumns =
        "id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at";

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly Guid userId;

    private SyncFoldTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.userId = userId;
    }

    /// <summary>
    /// Waits, within <paramref name="transaction"/>, for the user's fold lock: what anything that rewrites the user's
    /// accounts outside a fold (an action, an import, a review mark) takes first, so no fold writes in between.
    /// </summary>
    public static Task WaitForLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(@Class, @Key)", new { Class = FoldLockClass, Key = SyncRepository.LockKey(userId) }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Begins a fold step, or returns null when another request of the same user is folding right now.</summary>
    public static async Task<SyncFoldTransaction?> TryBeginAsync(NpgsqlDataSource dataSource, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_xact_lock(@Class, @Key)",
            new { Class = FoldLockClass, Key = SyncRepository.LockKey(userId) },
            transaction,
            cancellationToken: cancellationToken));
        var step = new SyncFoldTransaction(connection, transaction, userId);
        if (locked)
        {
            return step;
        }

        await step.DisposeAsync();
        return null;
    }

    /// <summary>The oldest page waiting to be folded, or null.</summary>
    public Task<SyncPageRow?> NextPageAsync(CancellationToken cancellationToken) => connection.QueryFirstOrDefaultAsync<SyncPageRow>(new CommandDefinition(
        """
        select run_id, relation, page, user_id, sealed_accounts, fetched_at from sync_pages
        where user_id = @UserId order by fetched_at, relation, page limit 1
        """,
        new { UserId = userId },
        transaction,
        cancellationToken: cancellationToken))!;

    /// <summary>The user's accounts with these provider-id indexes, locked for this transaction.</summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsByIndexAsync(byte[][] indexes, CancellationToken cancellationToken)
    {
        const string sql = $"select {AccountColumns} from accounts where user_id = @UserId and provider_account_id_index = any(@Indexes) for update";
        var rows = await connection.QueryAsync<AccountRow>(
            new CommandDefinition(sql, new { UserId = userId, Indexes = indexes }, transaction, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// The next <paramref name="limit"/> accounts (by id, after <paramref name="afterId"/>) whose relation indexes hold
    /// <paramref name="relationIndex"/>, locked. Indexes are truncated: callers check the decrypted document too.
    /// </summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsWithRelationAsync(byte[] relationIndex, Guid afterId, int limit, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {AccountColumns} from accounts
            where user_id = @UserId and relation_indexes @> array[@Index] and id > @After
            order by id limit @Limit for update
            """;
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            sql, new { UserId = userId, Index = relationIndex, After = afterId, Limit = limit }, transaction, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Inserts new accounts (with their search tokens) by binary COPY, and rewrites changed ones in one batch. A page
    /// of a first sync is a thousand new rows: as statements, each pays its own parse, bind and parameter objects.
    /// </summary>
    public async Task WriteAccountsAsync(IReadOnlyCollection<AccountRow> inserts, IReadOnlyCollection<AccountRow> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inserts);
        ArgumentNullException.ThrowIfNull(updates);
        if (inserts.Count > 0)
        {
            await CopyNewAccountsAsync(connection, inserts, cancellationToken);
        }

        if (updates.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in updates)
        {
            batch.BatchCommands.Add(UpdateAccount(row));
            batch.BatchCommands.Add(SearchIndexRepository.Command(SearchTokenRow.Of(row)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>New account rows and their search tokens, by binary COPY in the connection's transaction (the fold's and the import's).</summary>
    internal static async Task CopyNewAccountsAsync(NpgsqlConnection connection, IReadOnlyCollection<AccountRow> rows, CancellationToken cancellationToken)
    {
        await using (var accounts = await connection.BeginBinaryImportAsync($"copy accounts ({AccountColumns}) from stdin (format binary)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await accounts.StartRowAsync(cancellationToken);
                await accounts.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
                await accounts.WriteAsync(row.UserId, NpgsqlDbType.Uuid, cancellationToken);
                await accounts.WriteAsync(row.DataCiphertext.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
                await accounts.WriteAsync(row.ProviderAccountIdIndex, NpgsqlDbType.Bytea, cancellationToken);
                await accounts.WriteAsync(row.RelationIndexes, NpgsqlDbType.Array | NpgsqlDbType.Bytea, cancellationToken);
                await accounts.WriteAsync(row.LastActivityAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await accounts.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await accounts.WriteAsync(row.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await accounts.CompleteAsync(cancellationToken);
        }

        await using var tokens = await connection.BeginBinaryImportAsync(
            "copy search_tokens (source_id, user_id, account_id, tokens) from stdin (format binary)", cancellationToken);
        foreach (var row in rows.Select(SearchTokenRow.Of))
        {
            await tokens.StartRowAsync(cancellationToken);
            await tokens.WriteAsync(row.SourceId, NpgsqlDbType.Uuid, cancellationToken);
            await tokens.WriteAsync(row.UserId, NpgsqlDbType.Uuid, cancellationToken);
            await tokens.WriteAsync(row.AccountId, NpgsqlDbType.Uuid, cancellationToken);
            await tokens.WriteAsync(row.Tokens, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
        }

        await tokens.CompleteAsync(cancellationToken);
    }

    /// <summary>The page is folded: it goes, and its relation counts the accounts it held.</summary>
    public Task DeletePageAsync(SyncPageRow page, int accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        const string sql = """
            delete from sync_pages where run_id = @RunId and relation = @Relation and page = @Page;
            update sync_relations set folded = folded + @Accounts, updated_at = now() where run_id = @RunId and relation = @Relation;
            """;
        return connection.ExecuteAsync(new CommandDefinition(
            sql, new { page.RunId, page.Relation, page.Page, Accounts = accounts }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>A page that does not open is dropped, and its relation (and a live run) fail with a sentence for the user.</summary>
    public Task DropPageAsync(SyncPageRow page, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        const string sql = """
            delete from sync_pages where run_id = @RunId and relation = @Relation and page = @Page;
            update sync_relations set phase = 'failed', last_error = @Error, updated_at = now() where run_id = @RunId and relation = @Relation;
            update sync_runs set status = 'failed', finished_at = now(), last_error = @Error where id = @RunId and status = any(@Live);
            """;
        return connection.ExecuteAsync(new CommandDefinition(
            sql, new { page.RunId, page.Relation, page.Page, Error = error, Live = SyncStates.Live.ToArray() }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Relations fetched to the end whose pages (of any run) are all folded: ready for the end-of-relation sweep.</summary>
    public async Task<IReadOnlyList<(Guid RunId, string Relation, DateTimeOffset RequestedAt, Guid SweptThrough)>> RelationsToSweepAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            select r.run_id, r.relation, s.requested_at, coalesce(r.swept_through, '00000000-0000-0000-0000-000000000000'::uuid)
            from sync_relations r join sync_runs s on s.id = r.run_id
            where s.user_id = @UserId and r.phase = 'fetched'
              and not exists (select 1 from sync_pages p where p.user_id = @UserId and p.relation = r.relation)
            order by s.requested_at
            """;
        var rows = await connection.QueryAsync<(Guid, string, DateTimeOffset, Guid)>(
            new CommandDefinition(sql, new { UserId = userId }, transaction, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Records that the relation's sweep has dealt with every account up to this id.</summary>
    public Task MarkSweptThroughAsync(Guid runId, string relation, Guid accountId, CancellationToken cancellationToken)
    {
        const string sql = "update sync_relations set swept_through = @AccountId where run_id = @RunId and relation = @Relation";
        return connection.ExecuteAsync(new CommandDefinition(
            sql, new { RunId = runId, Relation = relation, AccountId = accountId }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The relation is folded and swept; when it was the run's last, the run is complete.</summary>
    public Task MarkFoldedAsync(Guid runId, string relation, CancellationToken cancellationToken)
    {
        const string sql = """
            update sync_relations set phase = 'folded', updated_at = now() where run_id = @RunId and relation = @Relation and phase = 'fetched';
            update sync_runs set status = 'completed', finished_at = now()
            where id = @RunId and status = any(@Live) and not exists (select 1 from sync_relations where run_id = @RunId and phase <> 'folded');
            """;
        return connection.ExecuteAsync(new CommandDefinition(
            sql, new { RunId = runId, Relation = relation, Live = SyncStates.Live.ToArray() }, transaction, cancellationToken: cancellationToken));
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>The batch command that rewrites an account row's document, indexes and times.</summary>
    internal static NpgsqlBatchCommand UpdateAccount(AccountRow row) => Command(
        "update accounts set data_ciphertext = $3, relation_indexes = $4, last_activity_at = $5, updated_at = $6 where id = $1 and user_id = $2",
        row.Id, row.UserId, row.DataCiphertext.ToArray(), row.RelationIndexes, row.LastActivityAt, row.UpdatedAt);

    /// <summary>One command of a batch with positional parameters ($1, …); arrays of byte arrays go as bytea[].</summary>
    internal static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is byte[][] array
                ? new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea }
                : new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
