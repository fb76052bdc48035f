using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Reasonable.Api.Health;

/// <summary>Healthy when PostgreSQL answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (NpgsqlException)
        {
            // The exception text can carry host names; the probe only says whether the database answers.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}
