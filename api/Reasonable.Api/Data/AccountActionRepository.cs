using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// What acting on an account writes: the Idempotency-Key claim before the provider is called, then the account's
/// new relations and the reason together, under the user's fold lock so a sync fold cannot overwrite the account
/// in between. Sees only ciphertext, indexes and hashes.
/// </summary>
public sealed class AccountActionRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Claims the key for a new action; null when claimed, else the row that claimed it first.</summary>
    public async Task<ActionRequestRow?> ClaimAsync(Guid userId, byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string claim = """
            insert into action_requests (user_id, key_hash, created_at) values (@UserId, @KeyHash, @Now)
            on conflict (user_id, key_hash) do nothing
            """;
        const string existing = """
            select user_id, key_hash, account_id, reason_id, created_at, completed_at from action_requests
            where user_id = @UserId and key_hash = @KeyHash
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { UserId = userId, KeyHash = keyHash, Now = now };
        if (await connection.ExecuteAsync(new CommandDefinition(claim, parameters, cancellationToken: cancellationToken)) == 1)
        {
            return null;
        }

        return await connection.QuerySingleOrDefaultAsync<ActionRequestRow>(new CommandDefinition(existing, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The provider refused or failed: the key may be used again for a new attempt.</summary>
    public async Task ReleaseAsync(Guid userId, byte[] keyHash, CancellationToken cancellationToken)
    {
        const string sql = "delete from action_requests where user_id = @UserId and key_hash = @KeyHash and completed_at is null";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, KeyHash = keyHash }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes the account (inserted when new, else replaced if still at <paramref name="expectedUpdatedAt"/>), the
    /// reason, and completes the key's claim, in one transaction. False, writing nothing, when the account changed
    /// meanwhile (the caller reads it again and retries).
    /// </summary>
    public async Task<bool> RecordAsync(
        AccountRow account, bool isNew, DateTimeOffset? expectedUpdatedAt, ReasonRow? reason, byte[]? keyHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        const string insertAccount = """
            insert into accounts (id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at)
            values (@Id, @UserId, @DataCiphertext, @ProviderAccountIdIndex, @RelationIndexes, @LastActivityAt, @CreatedAt, @UpdatedAt)
            on conflict (user_id, provider_account_id_index) do nothing
            """;
        const string updateAccount = """
            update accounts set data_ciphertext = @DataCiphertext, relation_indexes = @RelationIndexes,
                                last_activity_at = @LastActivityAt, updated_at = @UpdatedAt
            where user_id = @UserId and id = @Id and updated_at = @ExpectedUpdatedAt
            """;
        const string insertReason = """
            insert into reasons (id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at)
            values (@Id, @UserId, @AccountId, @ContentCiphertext, @TagIndexes, @Version, @CreatedAt, @UpdatedAt)
            """;
        const string complete = """
            update action_requests set account_id = @AccountId, reason_id = @ReasonId, completed_at = @Now
            where user_id = @UserId and key_hash = @KeyHash
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SyncFoldTransaction.WaitForLockAsync(connection, transaction, account.UserId, cancellationToken);
        var written = isNew
            ? await connection.ExecuteAsync(new CommandDefinition(insertAccount, account, transaction, cancellationToken: cancellationToken))
            : await connection.ExecuteAsync(new CommandDefinition(
                updateAccount,
                new { account.Id, account.UserId, account.DataCiphertext, account.RelationIndexes, account.LastActivityAt, account.UpdatedAt, ExpectedUpdatedAt = expectedUpdatedAt },
                transaction,
                cancellationToken: cancellationToken));
        if (written != 1)
        {
            return false;
        }

        if (reason is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(insertReason, reason, transaction, cancellationToken: cancellationToken));
        }

        await SearchIndexRepository.WriteAsync(
            connection, transaction, reason is null ? [SearchTokenRow.Of(account)] : [SearchTokenRow.Of(account), SearchTokenRow.Of(reason)], cancellationToken);

        if (keyHash is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                complete, new { AccountId = account.Id, ReasonId = reason?.Id, Now = now, account.UserId, KeyHash = keyHash }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
