using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// One change to many of a user's accounts at once, all or nothing: the accounts are locked first, and when any id is
/// not among the user's accounts nothing is written.
/// </summary>
public sealed class AccountBulkRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Sets the review date (when <paramref name="setReview"/>) and inserts <paramref name="reasons"/> (each for one
    /// of the accounts) in one transaction. Answers the ids that are not the user's accounts; when there are any,
    /// nothing was written.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ApplyAsync(
        Guid userId, IReadOnlyList<Guid> accountIds, bool setReview, DateOnly? reviewOn, IReadOnlyList<ReasonRow> reasons, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(reasons);
        const string lockAccounts = "select id from accounts where user_id = @UserId and id = any(@Ids) order by id for update";
        const string review = "update accounts set review_on = @ReviewOn::date where user_id = @UserId and id = any(@Ids)";
        const string touch = """
            update accounts set last_activity_at = greatest(last_activity_at, @Now), updated_at = @Now
            where user_id = @UserId and id = any(@Ids)
            """;
        const string insert = """
            insert into reasons (id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at)
            values (@Id, @UserId, @AccountId, @ContentCiphertext, @TagIndexes, @Version, @CreatedAt, @UpdatedAt)
            """;
        var ids = accountIds.ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = (await connection.QueryAsync<Guid>(new CommandDefinition(lockAccounts, new { UserId = userId, Ids = ids }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var missing = accountIds.Where(id => !found.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            return missing; // rolled back on dispose: nothing written
        }

        if (setReview)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                review, new { UserId = userId, Ids = ids, ReviewOn = reviewOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) }, transaction, cancellationToken: cancellationToken));
        }

        if (reasons.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(touch, new { UserId = userId, Ids = ids, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(insert, reasons, transaction, cancellationToken: cancellationToken));
            await SearchIndexRepository.WriteAsync(connection, transaction, reasons.Select(SearchTokenRow.Of), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
