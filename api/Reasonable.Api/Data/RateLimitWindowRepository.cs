using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>Counts requests in fixed windows shared by every API process (table <c>rate_limit_windows</c>).</summary>
public sealed class RateLimitWindowRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Counts one request in the key's window (opened by the first request, <paramref name="window"/> long, on the
    /// database's clock, so every node agrees) and answers the count so far with the window's end. Also removes a few
    /// ended windows of other keys, so the table holds about one row per key active in the last window.
    /// </summary>
    public async Task<(int Hits, DateTimeOffset WindowEnd, DateTimeOffset Now)> HitAsync(byte[] key, TimeSpan window, CancellationToken cancellationToken)
    {
        const string sql = """
            with ended as (
                delete from rate_limit_windows
                where ctid in (select ctid from rate_limit_windows where window_end < now() and key <> @Key limit 4)
            )
            insert into rate_limit_windows as w (key, window_end, hits)
            values (@Key, now() + make_interval(secs => @Seconds), 1)
            on conflict (key) do update
                set hits = case when w.window_end > now() then w.hits + 1 else 1 end,
                    window_end = case when w.window_end > now() then w.window_end else excluded.window_end end
            returning hits, window_end, now()
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<(int, DateTimeOffset, DateTimeOffset)>(new CommandDefinition(
            sql, new { Key = key, Seconds = window.TotalSeconds }, cancellationToken: cancellationToken));
    }
}
