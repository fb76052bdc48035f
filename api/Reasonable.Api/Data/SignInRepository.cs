using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// Pending sign-ins and one-time codes. Both are taken with a <c>delete</c> whose row count (or <c>returning</c>) says
/// who took it, so each is used at most once even when two requests race; expired rows are swept whenever a new one
/// is written.
/// </summary>
public sealed class SignInRepository(NpgsqlDataSource dataSource)
{
    public async Task AddRequestAsync(SignInRequestRow request, CancellationToken cancellationToken)
    {
        const string sql = """
            delete from sign_in_requests where expires_at < @CreatedAt;
            insert into sign_in_requests (id, provider, state_hash, browser_hash, secret_ciphertext, created_at, expires_at)
            values (@Id, @Provider, @StateHash, @BrowserHash, @SecretCiphertext, @CreatedAt, @ExpiresAt);
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, request, cancellationToken: cancellationToken));
    }

    /// <summary>The pending sign-in for a callback's state (expired or not: the caller decides), left in place.</summary>
    public async Task<SignInRequestRow?> FindRequestAsync(byte[] stateHash, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, provider, state_hash, browser_hash, secret_ciphertext, created_at, expires_at
            from sign_in_requests where state_hash = @StateHash
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SignInRequestRow>(new CommandDefinition(sql, new { StateHash = stateHash }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Removes a pending sign-in; false when it was already gone (another request took it first), so of two racing
    /// callbacks exactly one goes on.
    /// </summary>
    public async Task<bool> TakeRequestAsync(Guid id, CancellationToken cancellationToken)
    {
        const string sql = "delete from sign_in_requests where id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task AddCodeAsync(SignInCodeRow code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            delete from sign_in_codes where expires_at < @Now;
            insert into sign_in_codes (code_hash, session_id, keys_ciphertext, expires_at)
            values (@CodeHash, @SessionId, @KeysCiphertext, @ExpiresAt);
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { code.CodeHash, code.SessionId, code.KeysCiphertext, code.ExpiresAt, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes and returns a code that has not expired; null for unknown, used or expired codes.</summary>
    public async Task<SignInCodeRow?> TakeCodeAsync(byte[] codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            delete from sign_in_codes where code_hash = @CodeHash
            returning code_hash, session_id, keys_ciphertext, expires_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SignInCodeRow>(new CommandDefinition(sql, new { CodeHash = codeHash }, cancellationToken: cancellationToken));
        return row is not null && row.ExpiresAt > now ? row : null;
    }
}
