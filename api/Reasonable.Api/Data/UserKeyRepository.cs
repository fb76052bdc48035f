using Dapper;
using Npgsql;
using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>
/// The state of a user's keys that changes together: a rotation's pending wraps, the recovery columns, and deleting
/// the user. Callers hold the user's key lock (<see cref="UserRepository.LockSignInAsync"/>) around every change.
/// </summary>
public sealed class UserKeyRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Step one of a rotation: every data key wrapped by the next user key, waiting beside the current wraps, in one
    /// transaction. False (and nothing written) when the user key version moved or a data key was left out.
    /// </summary>
    public async Task<bool> StageRotationAsync(
        Guid userId, int currentVersion, int nextVersion, IReadOnlyList<(int Version, Ciphertext Wrapped)> wraps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wraps);
        const string markUser = """
            update users set pending_user_key_version = @NextVersion, updated_at = @Now
            where id = @UserId and user_key_version = @CurrentVersion
            """;
        const string stageKey = """
            update user_data_keys set pending_wrapped_key_ciphertext = @Wrapped
            where user_id = @UserId and version = @Version
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            markUser, new { UserId = userId, CurrentVersion = currentVersion, NextVersion = nextVersion, Now = now }, transaction, cancellationToken: cancellationToken));
        var staged = 0;
        foreach (var (version, wrapped) in wraps)
        {
            staged += await connection.ExecuteAsync(new CommandDefinition(
                stageKey, new { UserId = userId, Version = version, Wrapped = wrapped }, transaction, cancellationToken: cancellationToken));
        }

        return await CommitIfAsync(transaction, marked == 1 && staged == await CountDataKeysAsync(connection, transaction, userId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Last step of a rotation, once the key list holds <paramref name="version"/>: the pending wraps become the
    /// current ones and the version moves on, in one transaction. The recovery columns are kept only with
    /// <paramref name="sealedRecoveryUserKey"/> (the new user key sealed to the recovery public key); without it they
    /// are cleared, as they could open nothing any more. False when no rotation to this version was pending.
    /// </summary>
    public async Task<bool> FinishRotationAsync(Guid userId, int version, byte[]? sealedRecoveryUserKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string swapUser = """
            update users set user_key_version = @Version, pending_user_key_version = null, updated_at = @Now,
                             recovery_sealed_user_key = @Sealed,
                             recovery_public_key = case when @Sealed::bytea is null then null else recovery_public_key end,
                             recovery_key_ciphertext = case when @Sealed::bytea is null then null else recovery_key_ciphertext end,
                             recovery_salt = case when @Sealed::bytea is null then null else recovery_salt end,
                             recovery_created_at = case when @Sealed::bytea is null then null else recovery_created_at end
            where id = @UserId and pending_user_key_version = @Version
            """;
        const string swapKeys = """
            update user_data_keys set wrapped_key_ciphertext = pending_wrapped_key_ciphertext, pending_wrapped_key_ciphertext = null
            where user_id = @UserId and pending_wrapped_key_ciphertext is not null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var swapped = await connection.ExecuteAsync(new CommandDefinition(
            swapUser, new { UserId = userId, Version = version, Sealed = sealedRecoveryUserKey, Now = now }, transaction, cancellationToken: cancellationToken));
        var keys = await connection.ExecuteAsync(new CommandDefinition(swapKeys, new { UserId = userId }, transaction, cancellationToken: cancellationToken));
        return await CommitIfAsync(transaction, swapped == 1 && keys == await CountDataKeysAsync(connection, transaction, userId, cancellationToken), cancellationToken);
    }

    /// <summary>Stores (or replaces) the user's recovery code: its wrapped secret key, public key and sealed user key.</summary>
    public async Task SetRecoveryAsync(Guid userId, RecoverySetup setup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        const string sql = """
            update users set recovery_salt = @Salt, recovery_key_ciphertext = @SecretKeyCiphertext, recovery_public_key = @PublicKey,
                             recovery_sealed_user_key = @SealedUserKey, recovery_created_at = @Now, updated_at = @Now
            where id = @UserId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = userId, setup.Salt, setup.SecretKeyCiphertext, setup.PublicKey, setup.SealedUserKey, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the user; the schema cascades to data keys, sessions, accounts, reasons and sync rows.</summary>
    public async Task<bool> DeleteUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from users where id = @UserId", new { UserId = userId }, cancellationToken: cancellationToken)) == 1;
    }

    private static async Task<long> CountDataKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from user_data_keys where user_id = @UserId", new { UserId = userId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Commits when <paramref name="complete"/>, otherwise rolls back: a change is made whole or not at all.</summary>
    private static async Task<bool> CommitIfAsync(NpgsqlTransaction transaction, bool complete, CancellationToken cancellationToken)
    {
        if (complete)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return complete;
    }
}
