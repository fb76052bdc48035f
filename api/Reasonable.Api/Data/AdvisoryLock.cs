using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>A PostgreSQL session-level advisory lock held on its own connection; disposing releases it and the connection.</summary>
internal sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await connection.ExecuteAsync("select pg_advisory_unlock(@Key)", new { Key = key });
        await connection.DisposeAsync();
    }
}
