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
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var take = new NpgsqlCommand("select pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            take.ExecuteNonQuery();
        }

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
}
