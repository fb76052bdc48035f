using System.Buffers.Binary;
using Dapper;
using Npgsql;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// The rows of a data-key rotation: the new data key, its copies sealed to live sessions' inboxes, the rotation's
/// cursor, and the guarded rewrite of each value. Holds no key: callers pass ciphertext only.
/// </summary>
public sealed class DataKeyRotationRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The user's live sessions that have an inbox, with its sealed public key.</summary>
    public async Task<IReadOnlyList<(Guid SessionId, Ciphertext InboxPublicKey)>> LiveInboxesAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, inbox_public_key from sessions
            where user_id = @UserId and revoked_at is null and expires_at > @Now and inbox_public_key is not null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid, Ciphertext)>(new CommandDefinition(sql, new { UserId = userId, Now = now }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Starts a rotation in one transaction: the new data key (wrapped by the user key), its copies for the sessions'
    /// inboxes, and the rotation row. False, with nothing written, while another rotation of the user is unfinished
    /// or the data key version moved meanwhile.
    /// </summary>
    public async Task<bool> StartAsync(
        DataKeyRow dataKey, int fromVersion, IReadOnlyList<(Guid SessionId, byte[] SealedKey)> inboxKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentNullException.ThrowIfNull(inboxKeys);
        const string claim = """
            insert into data_key_rotations (user_id, from_version, to_version, total, started_at)
            values (@UserId, @FromVersion, @ToVersion, 0, @Now)
            on conflict (user_id) do update
                set from_version = excluded.from_version, to_version = excluded.to_version, stage = 0, cursor = null, sweep = 0,
                    total = 0, rewritten = 0, unreadable = 0, started_at = excluded.started_at, finished_at = null
                where data_key_rotations.finished_at is not null
            """;
        const string newest = "select max(version) from user_data_keys where user_id = @UserId";
        const string addInboxKey = "insert into session_data_keys (session_id, version, sealed_key) values (@SessionId, @Version, @SealedKey)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            claim, new { dataKey.UserId, FromVersion = fromVersion, ToVersion = dataKey.Version, Now = now }, transaction, cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(newest, new { dataKey.UserId }, transaction, cancellationToken: cancellationToken));
        if (claimed != 1 || current != fromVersion)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await UserRepository.InsertDataKeyAsync(connection, transaction, dataKey, cancellationToken);
        foreach (var (sessionId, sealedKey) in inboxKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                addInboxKey, new { SessionId = sessionId, dataKey.Version, SealedKey = sealedKey }, transaction, cancellationToken: cancellationToken));
        }

        var total = 0L;
        foreach (var column in ReencryptedColumn.All)
        {
            total += await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                column.CountSql, new { dataKey.UserId, KeyId = KeyId(dataKey.Version) }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "update data_key_rotations set total = @Total where user_id = @UserId", new { dataKey.UserId, Total = total }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<DataKeyRotationRow?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = """
            select user_id, from_version, to_version, stage, cursor, sweep, total, rewritten, unreadable, started_at, finished_at
            from data_key_rotations where user_id = @UserId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DataKeyRotationRow>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The data keys sealed to one session's inbox above <paramref name="aboveVersion"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(int Version, byte[] SealedKey)>> InboxKeysAsync(Guid sessionId, int aboveVersion, CancellationToken cancellationToken)
    {
        const string sql = "select version, sealed_key from session_data_keys where session_id = @SessionId and version > @Above order by version";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int, byte[])>(new CommandDefinition(sql, new { SessionId = sessionId, Above = aboveVersion }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The next values of <paramref name="column"/> after <paramref name="after"/> that are not under <paramref name="version"/>.</summary>
    public async Task<IReadOnlyList<(Guid Id, Ciphertext Ciphertext)>> BatchAsync(
        ReencryptedColumn column, Guid userId, Guid? after, int version, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(column);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid, Ciphertext)>(new CommandDefinition(
            column.BatchSql, new { UserId = userId, After = after ?? Guid.Empty, KeyId = KeyId(version), Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Replaces one value, in its own statement, only if it still holds <paramref name="read"/>: false when a
    /// concurrent write (whose value is newer) replaced or deleted it first.
    /// </summary>
    public async Task<bool> RewriteAsync(ReencryptedColumn column, Guid userId, Guid id, Ciphertext read, Ciphertext rewritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(column);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            column.RewriteSql, new { Id = id, UserId = userId, Read = read, Rewritten = rewritten }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Moves the cursor after a batch; false when the rotation is no longer this one (the user was deleted).</summary>
    public async Task<bool> AdvanceAsync(Guid userId, int toVersion, int stage, Guid? cursor, int sweep, long rewritten, long unreadable, CancellationToken cancellationToken)
    {
        const string sql = """
            update data_key_rotations
            set stage = @Stage, cursor = @Cursor, sweep = @Sweep, rewritten = rewritten + @Rewritten, unreadable = unreadable + @Unreadable
            where user_id = @UserId and to_version = @ToVersion and finished_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = userId, ToVersion = toVersion, Stage = stage, Cursor = cursor, Sweep = sweep, Rewritten = rewritten, Unreadable = unreadable },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Ends the rotation and retires every older data key, in one transaction.</summary>
    public async Task FinishAsync(Guid userId, int toVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string finish = """
            update data_key_rotations set finished_at = @Now
            where user_id = @UserId and to_version = @ToVersion and finished_at is null
            """;
        const string retire = """
            update user_data_keys set retired_at = @Now
            where user_id = @UserId and version < @ToVersion and retired_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(finish, new { UserId = userId, ToVersion = toVersion, Now = now }, transaction, cancellationToken: cancellationToken)) == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(retire, new { UserId = userId, ToVersion = toVersion, Now = now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the cross-process lock on one user's re-encryption without waiting: null when another process (or
    /// request) runs it. Disposing releases it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = LockKey(userId);
        return await AdvisoryLock.TakeAsync(dataSource, key, wait: false, cancellationToken);
    }

    /// <summary>A ciphertext's key id as its header stores it (big-endian), for comparing in SQL.</summary>
    private static byte[] KeyId(int version)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)version);
        return bytes;
    }

    /// <summary>
    /// The advisory lock key of a user's re-encryption: the user id's last 8 bytes with the top bit cleared, kept apart
    /// from the sign-in lock (a keyed hash) only by chance, which at 63 bits is ample.
    /// </summary>
    private static long LockKey(Guid userId) => BitConverter.ToInt64(userId.ToByteArray(), 8) & long.MaxValue;
}
