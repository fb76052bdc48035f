using Dapper;
using Npgsql;
using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>Sessions and personal access tokens. Revoking a row ends its token at once: every request checks it.</summary>
public sealed class SessionRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, kind, name_ciphertext, created_at, expires_at, last_used_at, revoked_at, user_agent_ciphertext, inbox_public_key";

    public async Task CreateAsync(SessionRow session, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into sessions (id, user_id, kind, name_ciphertext, created_at, expires_at)
            values (@Id, @UserId, @Kind, @NameCiphertext, @CreatedAt, @ExpiresAt)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, session, cancellationToken: cancellationToken));
    }

    /// <summary>The session, with the state of its user's data keys that every request needs (one round trip).</summary>
    public async Task<SessionRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns},
                   keys.newest as newest_data_key_version,
                   keys.retired as retired_data_key_version,
                   exists (select 1 from data_key_rotations r where r.user_id = sessions.user_id and r.finished_at is null) as data_key_rotation_unfinished
            from sessions
            cross join lateral (
                select max(version) as newest, max(version) filter (where retired_at is not null) as retired
                from user_data_keys k where k.user_id = sessions.user_id
            ) keys
            where id = @Id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The user's live sessions of one kind, newest first.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListLiveAsync(Guid userId, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from sessions
            where user_id = @UserId and kind = @Kind and revoked_at is null and expires_at > @Now
            order by created_at desc, id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(sql, new { UserId = userId, Kind = kind, Now = now }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Records what traded the sign-in code (the sealed User-Agent) and, for "keep me signed in", the session's new
    /// end; false when the session is not live any more.
    /// </summary>
    public async Task<bool> RecordExchangeAsync(Guid id, Ciphertext? userAgent, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            update sessions set user_agent_ciphertext = @UserAgent, expires_at = @ExpiresAt
            where id = @Id and revoked_at is null and expires_at > @Now
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, UserAgent = userAgent, ExpiresAt = expiresAt, Now = now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Stores the session inbox's sealed public key, once: a key already set is never replaced.</summary>
    public async Task SetInboxAsync(Guid id, Ciphertext inboxPublicKey, CancellationToken cancellationToken)
    {
        const string sql = "update sessions set inbox_public_key = @InboxPublicKey where id = @Id and inbox_public_key is null";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, InboxPublicKey = inboxPublicKey }, cancellationToken: cancellationToken));
    }

    /// <summary>How often a session's last use is written: rarely enough that a busy script does not write on every request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    /// <summary>Notes use at most every <see cref="TouchInterval"/>.</summary>
    public async Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            update sessions set last_used_at = @Now
            where id = @Id and (last_used_at is null or last_used_at < @Since)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, Now = now, Since = now - TouchInterval }, cancellationToken: cancellationToken));
    }

    /// <summary>Revokes one of the user's sessions; false when it is not theirs, unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid id, string? kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            update sessions set revoked_at = @Now
            where id = @Id and user_id = @UserId and (@Kind::text is null or kind = @Kind) and revoked_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, UserId = userId, Kind = kind, Now = now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Revokes every live session of one kind ("sign out everywhere"); returns how many.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = "update sessions set revoked_at = @Now where user_id = @UserId and kind = @Kind and revoked_at is null";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, Kind = kind, Now = now }, cancellationToken: cancellationToken));
    }
}
