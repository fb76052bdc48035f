using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// Review dates (accounts.review_on, reasons.review_on): plain dates, so what is due is found by index. Every query
/// is scoped by owner; the rows' ciphertexts are read by the usual repositories.
/// </summary>
public sealed class ReviewRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Sets (or with null clears) an account's review date; false when the user has no such account.</summary>
    public async Task<bool> SetAccountAsync(Guid userId, Guid accountId, DateOnly? reviewOn, CancellationToken cancellationToken)
    {
        const string sql = "update accounts set review_on = @ReviewOn::date where user_id = @UserId and id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, Id = accountId, ReviewOn = AsDate(reviewOn) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Sets (or with null clears) a reason's review date; false when the user has no such reason.</summary>
    public async Task<bool> SetReasonAsync(Guid userId, Guid reasonId, DateOnly? reviewOn, CancellationToken cancellationToken)
    {
        const string sql = "update reasons set review_on = @ReviewOn::date where user_id = @UserId and id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, Id = reasonId, ReviewOn = AsDate(reviewOn) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The review dates on one account and its reasons (the account's first, with a null reason id); empty when none or no such account.</summary>
    public async Task<IReadOnlyList<ReviewRow>> ForAccountAsync(Guid userId, Guid accountId, CancellationToken cancellationToken)
    {
        const string sql = """
            select id as account_id, null::uuid as reason_id, review_on from accounts where user_id = @UserId and id = @Id and review_on is not null
            union all
            select account_id, id, review_on from reasons where user_id = @UserId and account_id = @Id and review_on is not null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewRow>(new CommandDefinition(sql, new { UserId = userId, Id = accountId }, cancellationToken: cancellationToken))];
    }

    /// <summary>The first <paramref name="limit"/> review dates on or before <paramref name="until"/>, oldest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<ReviewRow> Rows, int Total)> DueAsync(Guid userId, DateOnly until, int limit, CancellationToken cancellationToken)
    {
        const string due = """
            select account_id, reason_id, review_on from (
                select id as account_id, null::uuid as reason_id, review_on from accounts where user_id = @UserId and review_on <= @Until::date
                union all
                select account_id, id, review_on from reasons where user_id = @UserId and review_on <= @Until::date) d
            order by review_on, account_id, reason_id nulls first
            limit @Limit
            """;
        const string count = """
            select (select count(*) from accounts where user_id = @UserId and review_on <= @Until::date)
                 + (select count(*) from reasons where user_id = @UserId and review_on <= @Until::date)
            """;
        var parameters = new { UserId = userId, Until = AsDate(until), Limit = limit };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition(due, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        return ([.. rows], (int)total);
    }

    /// <summary>The user's accounts with these ids (others' ids match nothing).</summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(Guid userId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at
            from accounts where user_id = @UserId and id = any(@Ids)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AccountRow>(new CommandDefinition(sql, new { UserId = userId, Ids = ids.ToArray() }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Replaces an account's document if nobody changed the row since <paramref name="expectedUpdatedAt"/>, under the
    /// user's fold lock so a sync fold cannot write in between; false when it changed or is gone.
    /// </summary>
    public async Task<bool> ReplaceAccountAsync(AccountRow account, DateTimeOffset expectedUpdatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        const string update = """
            update accounts set data_ciphertext = @DataCiphertext, relation_indexes = @RelationIndexes, updated_at = @UpdatedAt
            where user_id = @UserId and id = @Id and updated_at = @Expected
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SyncFoldTransaction.WaitForLockAsync(connection, transaction, account.UserId, cancellationToken);
        var parameters = new { account.DataCiphertext, account.RelationIndexes, account.UpdatedAt, account.UserId, account.Id, Expected = expectedUpdatedAt };
        if (await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await SearchIndexRepository.WriteAsync(connection, transaction, [SearchTokenRow.Of(account)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The next <paramref name="limit"/> of the user's accounts (by id, after <paramref name="afterId"/>) whose relation indexes hold <paramref name="relationIndex"/>.</summary>
    public async Task<IReadOnlyList<AccountRow>> WithRelationAsync(Guid userId, byte[] relationIndex, Guid afterId, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at
            from accounts where user_id = @UserId and relation_indexes @> array[@Index] and id > @After
            order by id limit @Limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AccountRow>(new CommandDefinition(
            sql, new { UserId = userId, Index = relationIndex, After = afterId, Limit = limit }, cancellationToken: cancellationToken))];
    }

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
}
