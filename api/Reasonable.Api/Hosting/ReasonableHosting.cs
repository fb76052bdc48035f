using System.Globalization;
using System.Text.Json.Serialization;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Health;
using Reasonable.Api.Http;
using Reasonable.Api.Keys;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Search;

namespace Reasonable.Api.Hosting;

/// <summary>Registers and wires everything the API needs; Program.cs only calls these.</summary>
public static class ReasonableHosting
{
    /// <summary>The web app's client-side routes: the API answers them with the app's index.html.</summary>
    private static readonly string[] WebAppRoutes = ["/signed-in", "/welcome", "/settings", "/accounts", "/accounts/{id}"];

    public static WebApplicationBuilder AddReasonable(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (OpenApiBuild.IsRunning)
        {
            configuration.AddInMemoryCollection(OpenApiBuild.Settings);
        }

        var port = Setting.WholeNumber(configuration, "PORT", 1, 65535);
        if (port is not null && Setting.Text(configuration, "ASPNETCORE_URLS") is null)
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}"));
        }

        var keys = OpenApiBuild.IsRunning
            ? ServerKeyLoader.Load(masterKeyText: null, isProduction: false) // the published development keys, never used
            : ServerKeyLoader.Load(Setting.Text(configuration, ServerKeyLoader.MasterKeyVariable), builder.Environment.IsProduction());
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(keys.MasterKeys);

        var databaseUrl = Setting.Text(configuration, "DATABASE_URL");
        if (databaseUrl is null)
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
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithPoolSettings(connectionString)));
        builder.Services.AddSingleton<UserRepository>();
        builder.Services.AddSingleton<AccountRepository>();
        builder.Services.AddSingleton<ReasonRepository>();
        builder.Services.AddSingleton<AccountSearch>();
        builder.Services.AddSingleton<CommonWords>();
        builder.Services.AddSingleton<SearchIndexRepository>();
        builder.Services.AddSingleton<SearchIndexBackfill>();
        builder.Services.AddSingleton<UserKeyRepository>();
        builder.Services.AddSingleton<AccountActionRepository>();
        builder.Services.AddSingleton(RateLimitOptions.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<RateLimitWindowRepository>();
        builder.Services.AddSingleton<SharedRateLimiter>();
        builder.Services.AddSingleton<Importing.ImportRunner>();
        builder.Services.AddSingleton<AccountCatalog>();
        builder.Services.AddSingleton<ReviewRepository>();
        builder.Services.AddSingleton<AccountBulkRepository>();
        builder.Services.AddSingleton<TagRepository>();
        DapperSetup.Apply();

        builder.AddReasonableAuth(port);
        builder.AddProviders();
        builder.AddReasonableSync(connectionString);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ResponseJson.Default);
        });
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(RequestLimits.Configure);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = StatusProblems.Customize);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(OpenApiSetup.Configure);
        return builder;
    }

    /// <summary>
    /// Prepares the statements a connection runs repeatedly (every route runs the same few), which saves PostgreSQL
    /// parsing and planning them on every request; an explicit Max Auto Prepare in DATABASE_URL wins. Connections go
    /// back to the pool without Npgsql's reset (seven statements PostgreSQL runs at the next use, several times per
    /// request): nothing here leaves session state behind (settings are <c>set local</c>, and Data/AdvisoryLock
    /// releases its session lock itself).
    /// </summary>
    private static string WithPoolSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public static WebApplication UseReasonable(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var warning in app.Services.GetRequiredService<LoadedServerKeys>().Warnings)
        {
            app.Logger.LogWarning("{Warning}", warning);
        }

        if (!OpenApiBuild.IsRunning)
        {
            var applied = DatabaseMigrator.Migrate(app.Services.GetRequiredService<DatabaseConnection>().ConnectionString);
            app.Logger.LogInformation("Database ready; {Count} migration(s) applied now.", applied.Count);
        }

        foreach (var warning in app.Services.GetRequiredService<ProviderSetup>().Warnings)
        {
            app.Logger.LogWarning("{Warning}", warning);
        }

        app.CheckKeyListRoom();
        app.UseSecurityHeaders();
        app.UseRequestLimits();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusProblems.WriteAsync);
        app.UseJsonContentType(); // before authentication: a body no route can read is refused, token or not
        app.UseDefaultFiles();
        app.UsePrecompressedAssets();
        app.UseStaticFiles(PrecompressedAssets.StaticFileOptions());
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "Reasonable API v1"));
        app.UseWebAppFallback(); // any other page address: the app's not-found page, as a 404
        app.UseCookieRequestGuard(); // before authentication: a cookie-borne write without the web app's header never reaches a route
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapAuthEndpoints();
        app.MapBrowserSessionEndpoints();
        app.MapProviderEndpoints();
        app.MapMeEndpoints();
        app.MapSessionEndpoints();
        app.MapTokenEndpoints();
        app.MapAccountEndpoints();
        app.MapSearchIndexEndpoints();
        app.MapActionEndpoints();
        app.MapReasonEndpoints();
        app.MapReviewEndpoints();
        app.MapAccountCountEndpoints();
        app.MapAccountBulkEndpoints();
        app.MapTagEndpoints();
        app.MapExportEndpoints();
        app.MapKeyEndpoints();
        app.MapSyncEndpoints();
        app.MapProviderNotesEndpoints();
        app.MapImportEndpoints();
        app.MapKeyListHelpPage();
        app.MapProblemPages();
        if (Setting.Text(app.Configuration, BenchmarkEndpoints.Variable) == "1")
        {
            app.MapBenchmarkEndpoints();
        }

        // The web app (web/, built into wwwroot) owns these client routes; any other page is the app's not-found page (404).
        foreach (var route in WebAppRoutes)
        {
            app.MapFallbackToFile(route, "index.html");
        }
        return app;
    }
}
