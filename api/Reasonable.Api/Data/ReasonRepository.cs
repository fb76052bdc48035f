using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>Reasons. Every query is scoped by owner; writes check the expected version (optimistic concurrency).</summary>
public sealed class ReasonRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at";

    // A new reason marks its account active at the reason's time.
    private const string TouchForNewReason = """
        update accounts set last_activity_at = greatest(last_activity_at, @CreatedAt), updated_at = @CreatedAt
        where user_id = @UserId and id = @AccountId
        """;

    private const string InsertReason = $"""
        insert into reasons ({Columns})
        values (@Id, @UserId, @AccountId, @ContentCiphertext, @TagIndexes, @Version, @CreatedAt, @UpdatedAt)
        """;

    /// <summary>Inserts the reason and marks its account active now; false (nothing written) when the user has no such account.</summary>
    public async Task<bool> CreateAsync(ReasonRow reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Touching the account first locks it, so a concurrent delete of the account cannot leave an orphan.
        if (await connection.ExecuteAsync(new CommandDefinition(TouchForNewReason, reason, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertReason, reason, transaction, cancellationToken: cancellationToken));
        await SearchIndexRepository.WriteAsync(connection, transaction, [SearchTokenRow.Of(reason)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Inserts the reason unless <paramref name="exists"/> says the account already has it, judged over the account's
    /// reasons as they are inside the transaction, with the account locked: two concurrent calls cannot both insert.
    /// </summary>
    public async Task<ReasonCreation> CreateUnlessAsync(ReasonRow reason, Func<IReadOnlyList<ReasonRow>, bool> exists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(exists);
        const string lockAccount = "select 1 from accounts where user_id = @UserId and id = @AccountId for update";
        const string existing = $"select {Columns} from reasons where user_id = @UserId and account_id = @AccountId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(lockAccount, reason, transaction, cancellationToken: cancellationToken)) is null)
        {
            return ReasonCreation.AccountGone;
        }

        var rows = (await connection.QueryAsync<ReasonRow>(new CommandDefinition(existing, reason, transaction, cancellationToken: cancellationToken))).ToList();
        if (exists(rows))
        {
            return ReasonCreation.AlreadyThere;
        }

        await connection.ExecuteAsync(new CommandDefinition(TouchForNewReason, reason, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertReason, reason, transaction, cancellationToken: cancellationToken));
        await SearchIndexRepository.WriteAsync(connection, transaction, [SearchTokenRow.Of(reason)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReasonCreation.Created;
    }

    public async Task<ReasonRow?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from reasons where user_id = @UserId and id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReasonRow>(new CommandDefinition(sql, new { UserId = userId, Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>These reasons of the user (ids of other users' reasons, or of none, are left out).</summary>
    public async Task<IReadOnlyList<ReasonRow>> ListByIdsAsync(Guid userId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from reasons where user_id = @UserId and id = any(@Ids)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReasonRow>(new CommandDefinition(sql, new { UserId = userId, Ids = ids.ToArray() }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Up to <paramref name="perAccount"/> reasons of each of these accounts whose search-index rows hold any of
    /// <paramref name="tokens"/>, leaving out <paramref name="except"/> (those already read): the reasons that can
    /// decide a free-text search, in one round trip.
    /// </summary>
    public async Task<IReadOnlyList<ReasonRow>> HoldingTokensAsync(
        Guid userId, IReadOnlyCollection<Guid> accountIds, int[] tokens, IReadOnlyCollection<Guid> except, int perAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(except);
        const string sql = """
            select r.id, r.user_id, r.account_id, r.content_ciphertext, r.tag_indexes, r.version, r.created_at, r.updated_at
            from unnest(@AccountIds) as a(id)
            cross join lateral (
                select r.* from search_tokens s join reasons r on r.id = s.reason_id
                where s.account_id = a.id and s.user_id = @UserId and s.reason_id is not null and s.tokens && @Tokens
                  and s.reason_id <> all(@Except)
                limit @PerAccount) r
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { UserId = userId, AccountIds = accountIds.ToArray(), Tokens = tokens, Except = except.ToArray(), PerAccount = perAccount };
        return [.. await connection.QueryAsync<ReasonRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>Every reason of these accounts, newest first within each account.</summary>
    public async Task<IReadOnlyList<ReasonRow>> ListForAccountsAsync(Guid userId, IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from reasons
            where user_id = @UserId and account_id = any(@AccountIds)
            order by account_id, created_at desc, id desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReasonRow>(
            new CommandDefinition(sql, new { UserId = userId, AccountIds = accountIds.ToArray() }, cancellationToken: cancellationToken))];
    }

    /// <summary>Replaces the reason if it is still at <paramref name="expectedVersion"/>; false when it is not (or is gone).</summary>
    public async Task<bool> UpdateAsync(ReasonRow reason, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        const string update = """
            update reasons set content_ciphertext = @ContentCiphertext, tag_indexes = @TagIndexes, version = @Version, updated_at = @UpdatedAt
            where user_id = @UserId and id = @Id and version = @ExpectedVersion
            """;
        const string touch = """
            update accounts set last_activity_at = greatest(last_activity_at, @UpdatedAt), updated_at = @UpdatedAt
            where user_id = @UserId and id = @AccountId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new
        {
            reason.Id, reason.UserId, reason.AccountId, reason.ContentCiphertext, reason.TagIndexes, reason.Version, reason.UpdatedAt, ExpectedVersion = expectedVersion,
        };
        if (await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(touch, parameters, transaction, cancellationToken: cancellationToken));
        await SearchIndexRepository.WriteAsync(connection, transaction, [SearchTokenRow.Of(reason)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes the reason (only at <paramref name="expectedVersion"/> when given); false when nothing matched.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        const string sql = "delete from reasons where user_id = @UserId and id = @Id and (@ExpectedVersion::int is null or version = @ExpectedVersion)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(
            new CommandDefinition(sql, new { UserId = userId, Id = id, ExpectedVersion = expectedVersion }, cancellationToken: cancellationToken)) == 1;
    }
}
