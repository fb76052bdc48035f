using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>A PostgreSQL session-level advisory lock held on its own connection; disposing releases it and the connection.</summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly long key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    /// <summary>
    /// Takes the lock on a pooled connection: waits for it, or with <paramref name="wait"/> false answers null when
    /// another session holds it. Pooled connections are not reset when they go back (see ReasonableHosting), so a
    /// lock that may have been granted as the wait was cancelled is released here before the connection goes back.
    /// </summary>
    public static async Task<AdvisoryLock?> TakeAsync(NpgsqlDataSource dataSource, long key, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var sql = wait ? "select true from pg_advisory_lock(@Key)" : "select pg_try_advisory_lock(@Key)";
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { Key = key }, cancellationToken: cancellationToken)))
            {
                return new AdvisoryLock(connection, key);
            }
        }
        catch
        {
            await ReleaseAllAndCloseAsync(connection);
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@Key)", new { Key = key });
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task ReleaseAllAndCloseAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.ExecuteAsync("select pg_advisory_unlock_all()");
        }
        catch (NpgsqlException)
        {
            // A broken connection is not pooled again, and its session (with any lock) ends with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
