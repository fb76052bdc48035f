using System.Diagnostics;
using Npgsql;
using Reasonable.Api.Data;

namespace Reasonable.Tests.Support;

/// <summary>
/// A real PostgreSQL server: DATABASE_URL when set (npm test sets it), otherwise the project-local cluster that
/// `node scripts/postgres.mjs` starts. Each test gets a database of its own, dropped when the fixture is disposed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly List<string> createdDatabases = [];

    public PostgresServer()
    {
        var url = Environment.GetEnvironmentVariable("DATABASE_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            url = StartLocalCluster();
        }

        AdminConnectionString = DatabaseUrl.ToConnectionString(url);
    }

    public string AdminConnectionString { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"reasonable_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"create database {name}", connection);
            command.ExecuteNonQuery();
        }

        lock (createdDatabases)
        {
            createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The same database as a postgres:// URL, the form the API reads from DATABASE_URL.</summary>
    public static string ToUrl(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password ?? string.Empty)}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        foreach (var name in createdDatabases)
        {
            // A loaded machine can take longer than the default 30 s to drop a database; a database left behind is
            // only disk space in a throwaway cluster, so it is reported, never a test failure.
            using var command = new NpgsqlCommand($"drop database if exists {name} with (force)", connection) { CommandTimeout = 300 };
            try
            {
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException exception)
            {
                Console.Error.WriteLine($"Test database {name} was not dropped: {exception.Message}");
            }
        }
    }

    private static string StartLocalCluster()
    {
        var start = new ProcessStartInfo("node", [RepositoryRoot.Combine("scripts", "postgres.mjs"), "url"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not start the local PostgreSQL cluster: {errors}");
        }

        return output;
    }
}
