using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Faults;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.RateLimits;
using Reasonable.Sandbox.Mastodon.Rendering;

namespace Reasonable.Sandbox.Mastodon;

public static class MastodonHosting
{
    /// <summary>
    /// Services and binding: one Kestrel listener per instance on 127.0.0.1 only (PORT, PORT+1, …), because the
    /// control endpoints have no other guard.
    /// </summary>
    public static WebApplicationBuilder AddMastodonSandbox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = MastodonSandboxOptions.FromConfiguration(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < settings.Instances.Count; i++)
            {
                kestrel.Listen(IPAddress.Loopback, settings.Port + i);
            }
        });

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddOptions<MastodonSandboxOptions>()
            .Configure(options =>
            {
                options.Port = settings.Port;
                options.Instances = settings.Instances;
                options.RateLimitsEnabled = settings.RateLimitsEnabled;
            })
            .Validate(o => o.Instances.Count > 0 && o.Port > 0 && o.Port + o.Instances.Count - 1 <= IPEndPoint.MaxPort, "PORT … PORT + instances - 1 must be valid ports.")
            .Validate(o => o.Instances.All(d => Uri.CheckHostName(d) == UriHostNameType.Dns), "SANDBOX_INSTANCES must be domain names.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<MastodonSandboxOptions>>().Value);
        builder.Services.AddSingleton<SandboxClock>();
        builder.Services.AddSingleton<Federation>();
        builder.Services.AddSingleton<AccountView>();
        builder.Services.AddSingleton<RelationshipView>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Mastodon's JSON is snake_case and spells out nulls. HTML-significant characters are escaped, as Rails
            // does, so a hostile display name can never close a <script> block; other text stays UTF-8.
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }

    /// <summary>The clock's Date and error shapes outermost, then faults (they pre-empt everything), routing, rate limits and token checks.</summary>
    public static WebApplication UseMastodonSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ClockDateMiddleware>();
        app.UseMiddleware<NotFoundMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<ApiAuthMiddleware>();
        app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
        var federation = app.Services.GetRequiredService<Federation>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var instance in federation.Instances)
            {
                Console.WriteLine($"{instance.Domain} → {instance.BaseUrl}");
            }
        });
        return app;
    }
}
