using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Reasonable.Api.Data;

/// <summary>
/// The free-text search index: one row of truncated search tokens per account and per reason (search_tokens), and
/// the users whose rows are not all indexed yet (search_index_backlog). Sees only token numbers and ids.
/// </summary>
public sealed class SearchIndexRepository(NpgsqlDataSource dataSource)
{
    private const string Upsert = """
        insert into search_tokens (source_id, user_id, account_id, reason_id, tokens) values ($1, $2, $3, $4, $5)
        on conflict (source_id) do update set tokens = excluded.tokens
        """;

    /// <summary>
    /// Every writer of accounts or reasons calls this in the transaction that writes the row (the tokens come from
    /// <c>AccountCipher.Seal</c> and <c>ReasonCipher.Seal</c>), so the index never lags a committed row.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<SearchTokenRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(Command(row));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The same write as one command of a caller's own batch.</summary>
    public static NpgsqlBatchCommand Command(SearchTokenRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var command = new NpgsqlBatchCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter { Value = row.SourceId });
        command.Parameters.Add(new NpgsqlParameter { Value = row.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = row.AccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ReasonId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Tokens, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        return command;
    }

    /// <summary>
    /// The user's accounts whose rows (the account's and its reasons') hold every one of <paramref name="tokens"/>,
    /// possibly in different rows: a search's candidates, a superset of its matches (tokens are truncated). With
    /// <paramref name="rowTokens"/>, only rows holding all of those (the one word's tokens, which share a row). With
    /// <paramref name="rowCap"/>, null when more rows than that hold any of the tokens (a common word: walk the list instead).
    /// </summary>
    public async Task<SearchCandidates?> CandidatesAsync(Guid userId, int[] tokens, int[]? rowTokens, int? rowCap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        // With one token every row found holds it: no need to say which. Materialized, so the capped read is planned as
        // the whole one (the GIN index), not as a walk of the user's rows hoping to meet the cap early.
        var rows = $"""
            with s as materialized (select account_id, tokens from search_tokens where user_id = @UserId and {(rowTokens is null ? "tokens && @Tokens" : "tokens @> @RowTokens")})
            select s.account_id,
                   case when cardinality(@Tokens) = 1 then @Tokens else array(select t from unnest(@Tokens) t where t = any(s.tokens)) end as held
            from s
            """;
        var capped = rows + "\nlimit @Limit";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = (await connection.QueryAsync<(Guid AccountId, int[] Held)>(new CommandDefinition(
            rowCap is null ? rows : capped, new { UserId = userId, Tokens = tokens, RowTokens = rowTokens, Limit = rowCap + 1 }, cancellationToken: cancellationToken))).AsList();
        if (found.Count > rowCap)
        {
            return null;
        }

        return new SearchCandidates([.. found.GroupBy(row => row.AccountId)
            .Where(account => account.SelectMany(row => row.Held).Distinct().Count() == tokens.Length)
            .Select(account => account.Key)]);
    }

    /// <summary>Where the user's backlog stands: null when every row of theirs is indexed, else the last account indexed (or none yet).</summary>
    public async Task<SearchBacklog?> BacklogAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = "select cursor, requested_at from search_index_backlog where user_id = @UserId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SearchBacklog>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores the tokens of one backlog batch without overwriting any a writer stored meanwhile (theirs are newer),
    /// and moves the cursor on, or ends the backlog when <paramref name="done"/>. Holds the backlog row while it does,
    /// so a rebuild requested meanwhile (a new <see cref="SearchBacklog.RequestedAt"/>) is never overtaken.
    /// </summary>
    public async Task<SearchBackfill> BackfillAsync(
        Guid userId, SearchBacklog backlog, IReadOnlyCollection<SearchTokenRow> rows, Guid? cursor, bool done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backlog);
        ArgumentNullException.ThrowIfNull(rows);
        const string hold = "select 1 from search_index_backlog where user_id = @UserId and requested_at = @RequestedAt for update";
        const string advance = "update search_index_backlog set cursor = @Cursor where user_id = @UserId";
        const string finish = "delete from search_index_backlog where user_id = @UserId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(hold, new { UserId = userId, backlog.RequestedAt }, transaction, cancellationToken: cancellationToken)) is null)
        {
            return SearchBackfill.Superseded;
        }

        try
        {
            await WriteIfAbsentAsync(connection, transaction, rows, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // An account or reason of the batch was deleted after it was read: read the batch again.
            return SearchBackfill.Raced;
        }

        await connection.ExecuteAsync(new CommandDefinition(done ? finish : advance, new { UserId = userId, Cursor = cursor }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return SearchBackfill.Stored;
    }

    /// <summary>Forgets the user's index and puts them back in the backlog, so their next searches rebuild it from the start.</summary>
    public async Task RebuildAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The backlog row first: a backfill holding the old one finishes before the tokens go, and none starts after.
        const string sql = """
            insert into search_index_backlog (user_id, cursor, requested_at) values (@UserId, null, @Now)
            on conflict (user_id) do update set cursor = null, requested_at = excluded.requested_at;
            delete from search_tokens where user_id = @UserId;
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteIfAbsentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<SearchTokenRow> rows, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into search_tokens (source_id, user_id, account_id, reason_id, tokens) values ($1, $2, $3, $4, $5)
            on conflict (source_id) do nothing
            """;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = Command(row);
            command.CommandText = sql;
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

