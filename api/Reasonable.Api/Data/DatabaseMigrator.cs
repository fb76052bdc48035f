using DbUp;
using Npgsql;
using Reasonable.Api.Hosting;

namespace Reasonable.Api.Data;

/// <summary>
/// Applies db/migrations (embedded in this assembly) with DbUp. A PostgreSQL advisory lock lets several nodes
/// start at once; DbUp's journal makes a second run apply nothing.
/// </summary>
public static class DatabaseMigrator
{
    private const long MigrationLockKey = 0x5265_6173_6F6E; // "Reason": any constant shared by all nodes

    public static IReadOnlyList<string> Migrate(string connectionString)
    {
        // An unpooled connection: a pooled one would keep holding the session lock after it is "closed".
        var lockConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        using var lockConnection = OpenCreatingDatabase(lockConnectionString);
        Execute(lockConnection, "select pg_advisory_lock(@key)");
        try
        {
            return Upgrade(connectionString);
        }
        finally
        {
            Execute(lockConnection, "select pg_advisory_unlock(@key)");
        }
    }

    /// <summary>
    /// A connection to the database, which is created first if it does not exist yet. Asking the server's maintenance
    /// database first every time (DbUp's EnsureDatabase) cost each start about 0.4 s.
    /// </summary>
    private static NpgsqlConnection OpenCreatingDatabase(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            connection.Dispose();
        }

        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static List<string> Upgrade(string connectionString)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith("Migrations.", StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", "schema_migrations")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StartupRefusedException(
                $"migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}");
        }

        return [.. result.Scripts.Select(script => script.Name)];
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        command.ExecuteNonQuery();
    }
}
