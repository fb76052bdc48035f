using Hangfire;
using Hangfire.PostgreSql;
using Reasonable.Api.Data;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Sync;

namespace Reasonable.Api.Hosting;

/// <summary>
/// Background sync: Hangfire on PostgreSQL (its own schema, <c>hangfire</c>, which it creates), an in-process worker
/// unless SYNC_WORKER=off, the sync job and the fold service.
/// </summary>
public static class SyncHosting
{
    public const string HangfireSchema = "hangfire";

    public static WebApplicationBuilder AddReasonableSync(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = SyncOptions.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<SyncRepository>();
        services.AddScoped<SyncJob>();
        services.AddScoped<SyncFolder>();

        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            // A worker keeps its job hidden while it runs; a job whose process died shows up again this soon.
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            EnableLongPolling = true,
        };
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(postgres => postgres.UseNpgsqlConnection(connectionString), storage));
        if (options.WorkerEnabled)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ServerCheckInterval = TimeSpan.FromMinutes(1);
            });
        }

        return builder;
    }
}
