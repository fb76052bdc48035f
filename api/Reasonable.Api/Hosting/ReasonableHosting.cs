using System.Globalization;
using Microsoft.OpenApi;
using Npgsql;
using Reasonable.Api.Data;
using Reasonable.Api.Health;
using Reasonable.Api.Keys;

namespace Reasonable.Api.Hosting;

/// <summary>Registers and wires everything the API needs; Program.cs only calls these.</summary>
public static class ReasonableHosting
{
    public static WebApplicationBuilder AddReasonable(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        var port = configuration["PORT"];
        if (!string.IsNullOrWhiteSpace(port) && string.IsNullOrWhiteSpace(configuration["ASPNETCORE_URLS"]))
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
            {
                throw new StartupRefusedException($"PORT must be a TCP port number (1-65535), not '{port}'.");
            }

            builder.WebHost.UseUrls($"http://localhost:{portNumber}");
        }

        var keys = ServerKeyLoader.Load(configuration[ServerKeyLoader.MasterKeyVariable], builder.Environment.IsProduction());
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(keys.MasterKeys);

        var databaseUrl = configuration["DATABASE_URL"];
        if (string.IsNullOrWhiteSpace(databaseUrl))
        {
            throw new StartupRefusedException("DATABASE_URL is not set; `npm start` sets it for its local PostgreSQL cluster.");
        }

        string connectionString;
        try
        {
            connectionString = DatabaseUrl.ToConnectionString(databaseUrl);
        }
        catch (Exception exception) when (exception is ArgumentException or UriFormatException)
        {
            throw new StartupRefusedException("DATABASE_URL is malformed; expected postgres://user:password@host:port/database.");
        }

        builder.Services.AddSingleton(new DatabaseConnection(connectionString));
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<UserRepository>();
        DapperSetup.Apply();

        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options => options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Reasonable API",
            Version = "v1",
            Description = "Private, end-user-encrypted notes on why you blocked, muted or followed an account.",
        }));
        return builder;
    }

    public static WebApplication UseReasonable(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var warning in app.Services.GetRequiredService<LoadedServerKeys>().Warnings)
        {
            app.Logger.LogWarning("{Warning}", warning);
        }

        var applied = DatabaseMigrator.Migrate(app.Services.GetRequiredService<DatabaseConnection>().ConnectionString);
        app.Logger.LogInformation("Database ready; {Count} migration(s) applied now.", applied.Count);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "Reasonable API v1"));
        app.MapHealthEndpoints();
        // Until the web app is served here, the printed URL opens the API documentation.
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }
}
