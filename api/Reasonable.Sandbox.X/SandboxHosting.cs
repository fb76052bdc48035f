using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.Faults;
using Reasonable.Sandbox.X.RateLimits;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X;

public static class SandboxHosting
{
    public const int DefaultPort = 5180;

    /// <summary>
    /// Services and binding. Without <c>--urls</c> (or ASPNETCORE_URLS) the sandbox listens on
    /// <c>http://127.0.0.1:$PORT</c> (default 5180): loopback only, because the control endpoints have no other guard.
    /// </summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var port = int.TryParse(builder.Configuration["PORT"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : DefaultPort;
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<SandboxOptions>()
            .Configure<IConfiguration>((options, configuration) => Copy(SandboxOptions.FromConfiguration(configuration), options))
            .Validate(o => o.ConsumerKey.Length > 0 && o.ConsumerSecret.Length > 0, "The consumer key and secret must not be empty.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value);
        builder.Services.AddSingleton<SandboxClock>();
        builder.Services.AddSingleton<SandboxState>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<NonceStore>();
        builder.Services.AddSingleton<OAuthGate>();
        builder.Services.AddSingleton<RateLimitWindows>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // X's JSON is snake_case and leaves out what has no value (e.g. next_token on the last page).
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }

    /// <summary>Routing, then faults (they pre-empt everything else), then OAuth user context and rate limits.</summary>
    public static WebApplication UseSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<UserContextMiddleware>();
        app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
        return app;
    }

    private static void Copy(SandboxOptions from, SandboxOptions to)
    {
        to.ConsumerKey = from.ConsumerKey;
        to.ConsumerSecret = from.ConsumerSecret;
        to.CallbackPrefixes = from.CallbackPrefixes;
        to.RateLimitsEnabled = from.RateLimitsEnabled;
        to.LenientAccessToken = from.LenientAccessToken;
    }
}
