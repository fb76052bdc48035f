using Dapper;
using Npgsql;
using Reasonable.Api.Data;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Data;

[Collection(PostgresTests.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    [Fact]
    public void Migrate_CreatesTheSchema_InAnEmptyDatabase()
    {
        var connectionString = postgres.CreateDatabase();

        var applied = DatabaseMigrator.Migrate(connectionString);

        Assert.Contains("Migrations.0001_create_schema.sql", applied);
        using var connection = new NpgsqlConnection(connectionString);
        var tables = connection.Query<string>("select table_name from information_schema.tables where table_schema = 'public'").ToHashSet();
        Assert.Superset(new HashSet<string> { "users", "user_data_keys", "sessions", "accounts", "reasons", "schema_migrations" }, tables);
    }

    [Fact]
    public void Migrate_AppliesNothing_TheSecondTime()
    {
        var connectionString = postgres.CreateDatabase();
        var first = DatabaseMigrator.Migrate(connectionString);

        var second = DatabaseMigrator.Migrate(connectionString);

        Assert.NotEmpty(first);
        Assert.Empty(second);
        using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(first.Count, connection.ExecuteScalar<int>("select count(*) from schema_migrations"));
    }

    [Fact]
    public void Migrate_CreatesTheDatabase_WhenItDoesNotExistYet()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString)
        {
            Database = $"reasonable_test_{Guid.NewGuid():N}",
        }.ConnectionString;
        try
        {
            Assert.NotEmpty(DatabaseMigrator.Migrate(connectionString));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
            admin.Execute($"drop database if exists {new NpgsqlConnectionStringBuilder(connectionString).Database} with (force)");
        }
    }

    [Fact]
    public void Migrate_RunsOnce_WhenSeveralNodesStartTogether()
    {
        var connectionString = postgres.CreateDatabase();

        var results = Enumerable.Range(0, 3).AsParallel().Select(_ => DatabaseMigrator.Migrate(connectionString)).ToList();

        Assert.Equal(1, results.Count(applied => applied.Count > 0));
    }

    [Fact]
    public void MigrationFiles_AreNumberedAndAllEmbedded()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("db", "migrations"), "*.sql").Select(Path.GetFileName).ToList();
        var embedded = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Where(name => name.StartsWith("Migrations.", StringComparison.Ordinal)).ToList();

        Assert.All(files, file => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", file));
        Assert.Equal(files.Count, embedded.Count);
    }
}
