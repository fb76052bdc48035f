using Dapper;
using Npgsql;

namespace Reasonable.Api.Keys;

/// <summary>When the key list was last read for the key status route (<c>users.key_list_checked_at</c>).</summary>
public sealed class KeyListCheckRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Claims a check when the last one is older than <paramref name="since"/> (or there was none): true and the claim
    /// time, so of several requests at once only one asks the provider. Otherwise false and the last check's time.
    /// </summary>
    public async Task<(bool Claimed, DateTimeOffset? CheckedAt)> ClaimAsync(Guid userId, DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken)
    {
        const string sql = """
            with claimed as (
                update users set key_list_checked_at = @Now
                where id = @UserId and (key_list_checked_at is null or key_list_checked_at <= @Since)
                returning key_list_checked_at
            )
            select (select key_list_checked_at from claimed) as claimed_at, (select key_list_checked_at from users where id = @UserId) as checked_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (claimedAt, checkedAt) = await connection.QuerySingleAsync<(DateTimeOffset?, DateTimeOffset?)>(
            new CommandDefinition(sql, new { UserId = userId, Now = now, Since = since }, cancellationToken: cancellationToken));
        return claimedAt is { } at ? (true, at) : (false, checkedAt);
    }
}
