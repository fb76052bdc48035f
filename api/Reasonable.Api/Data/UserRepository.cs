using Dapper;
using Npgsql;
using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>Users and their wrapped data keys. Sees only hashes and ciphertext, never plaintext or keys.</summary>
public sealed class UserRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a user together with their first wrapped data key, in one transaction.</summary>
    private const string Columns = """
        id, provider, lookup_hash, lookup_key_id, provider_user_id_ciphertext, provider_instance_ciphertext,
        provider_access_ciphertext, oauth_token_ciphertext, oauth_token_secret_ciphertext, handle_ciphertext, key_status, user_key_version, pending_user_key_version,
        recovery_key_ciphertext, recovery_salt, recovery_public_key, recovery_sealed_user_key, recovery_created_at,
        created_at, updated_at
        """;

    public async Task CreateAsync(UserRow user, DataKeyRow firstDataKey, CancellationToken cancellationToken)
    {
        const string insertUser = $"""
            insert into users ({Columns})
            values (@Id, @Provider, @LookupHash, @LookupKeyId, @ProviderUserIdCiphertext, @ProviderInstanceCiphertext,
                    @ProviderAccessCiphertext, @OauthTokenCiphertext, @OauthTokenSecretCiphertext, @HandleCiphertext, @KeyStatus, @UserKeyVersion, @PendingUserKeyVersion,
                    @RecoveryKeyCiphertext, @RecoverySalt, @RecoveryPublicKey, @RecoverySealedUserKey, @RecoveryCreatedAt,
                    @CreatedAt, @UpdatedAt)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(insertUser, user, transaction, cancellationToken: cancellationToken));
        await InsertDataKeyAsync(connection, transaction, firstDataKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Serialises sign-ins of one provider account across nodes (a session advisory lock keyed by its lookup hash),
    /// so two first sign-ins racing cannot each write a key list and orphan one another's key.
    /// </summary>
    public async Task<IAsyncDisposable> LockSignInAsync(byte[] lookupHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookupHash);
        var key = BitConverter.ToInt64(lookupHash, 0);
        return (await AdvisoryLock.TakeAsync(dataSource, key, wait: true, cancellationToken))!;
    }

    /// <summary>Finds a user by any of their candidate lookup hashes (one per master key in the ring).</summary>
    public async Task<UserRow?> FindByLookupHashAsync(IEnumerable<byte[]> candidateHashes, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from users where lookup_hash = any(@Hashes)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(
            new CommandDefinition(sql, new { Hashes = candidateHashes.ToArray() }, cancellationToken: cancellationToken));
    }

    public async Task<UserRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from users where id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A returning user signed in: fresh provider access and what we found of their key list. The columns of the
    /// access before migration 0005 are cleared then.
    /// </summary>
    public async Task RecordSignInAsync(Guid id, SealedProviderAccess access, string keyStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        const string sql = """
            update users set provider_user_id_ciphertext = @ProviderUserId, provider_instance_ciphertext = @Instance,
                             provider_access_ciphertext = @Access, oauth_token_ciphertext = null,
                             oauth_token_secret_ciphertext = null, key_status = @KeyStatus, updated_at = @Now
            where id = @Id
            """;
        await ExecuteAsync(sql, new { Id = id, access.ProviderUserId, access.Instance, access.Access, KeyStatus = keyStatus, Now = now }, cancellationToken);
    }

    public Task SetKeyStatusAsync(Guid id, string keyStatus, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("update users set key_status = @KeyStatus, updated_at = @Now where id = @Id", new { Id = id, KeyStatus = keyStatus, Now = now }, cancellationToken);

    public Task SetHandleAsync(Guid id, Ciphertext handle, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("update users set handle_ciphertext = @Handle, updated_at = @Now where id = @Id", new { Id = id, Handle = handle, Now = now }, cancellationToken);

    public async Task<IReadOnlyList<DataKeyRow>> DataKeysAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = """
            select user_id, version, wrapped_key_ciphertext, pending_wrapped_key_ciphertext, created_at
            from user_data_keys where user_id = @UserId order by version
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DataKeyRow>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Inserts one data key row inside the caller's transaction.</summary>
    internal static Task<int> InsertDataKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DataKeyRow row, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into user_data_keys (user_id, version, wrapped_key_ciphertext, created_at)
            values (@UserId, @Version, @WrappedKeyCiphertext, @CreatedAt)
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken));
    }
}
