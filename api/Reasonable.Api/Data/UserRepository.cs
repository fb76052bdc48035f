using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>Users and their wrapped data keys. Sees only hashes and ciphertext, never plaintext or keys.</summary>
public sealed class UserRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a user together with their first wrapped data key, in one transaction.</summary>
    public async Task CreateAsync(UserRow user, DataKeyRow firstDataKey, CancellationToken cancellationToken)
    {
        const string insertUser = """
            insert into users (id, provider, lookup_hash, lookup_key_id, oauth_token_ciphertext,
                               oauth_token_secret_ciphertext, key_status, user_key_version, created_at, updated_at)
            values (@Id, @Provider, @LookupHash, @LookupKeyId, @OauthTokenCiphertext,
                    @OauthTokenSecretCiphertext, @KeyStatus, @UserKeyVersion, @CreatedAt, @UpdatedAt)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(insertUser, user, transaction, cancellationToken: cancellationToken));
        await InsertDataKeyAsync(connection, transaction, firstDataKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Finds a user by any of their candidate lookup hashes (one per master key in the ring).</summary>
    public async Task<UserRow?> FindByLookupHashAsync(IEnumerable<byte[]> candidateHashes, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, provider, lookup_hash, lookup_key_id, oauth_token_ciphertext, oauth_token_secret_ciphertext,
                   key_status, user_key_version, created_at, updated_at
            from users where lookup_hash = any(@Hashes)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(
            new CommandDefinition(sql, new { Hashes = candidateHashes.ToArray() }, cancellationToken: cancellationToken));
    }

    public async Task<UserRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, provider, lookup_hash, lookup_key_id, oauth_token_ciphertext, oauth_token_secret_ciphertext,
                   key_status, user_key_version, created_at, updated_at
            from users where id = @Id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DataKeyRow>> DataKeysAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = """
            select user_id, version, wrapped_key_ciphertext, created_at
            from user_data_keys where user_id = @UserId order by version
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DataKeyRow>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Rotating the user key: every data key re-wrapped under the new user key and the version bumped, atomically.
    /// Returns false (and changes nothing) when someone else rotated first.
    /// </summary>
    public async Task<bool> ReplaceWrappedDataKeysAsync(
        Guid userId, int expectedUserKeyVersion, int newUserKeyVersion, IReadOnlyList<DataKeyRow> rewrapped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string bumpVersion = """
            update users set user_key_version = @NewVersion, updated_at = @Now
            where id = @UserId and user_key_version = @ExpectedVersion
            """;
        const string rewrap = """
            update user_data_keys set wrapped_key_ciphertext = @WrappedKeyCiphertext
            where user_id = @UserId and version = @Version
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var bumped = await connection.ExecuteAsync(new CommandDefinition(
            bumpVersion, new { UserId = userId, ExpectedVersion = expectedUserKeyVersion, NewVersion = newUserKeyVersion, Now = now }, transaction, cancellationToken: cancellationToken));
        if (bumped == 0)
        {
            return false;
        }

        foreach (var row in rewrapped)
        {
            await connection.ExecuteAsync(new CommandDefinition(rewrap, row, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task<int> InsertDataKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DataKeyRow row, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into user_data_keys (user_id, version, wrapped_key_ciphertext, created_at)
            values (@UserId, @Version, @WrappedKeyCiphertext, @CreatedAt)
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken));
    }
}
