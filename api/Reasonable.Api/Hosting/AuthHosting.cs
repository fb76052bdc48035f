using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Hosting;

/// <summary>Sign-in, sessions and bearer tokens: options from the environment, JwtBearer, and the sign-in rate limit.</summary>
public static class AuthHosting
{
    /// <summary>A wrapped user key's length in bytes: 4-byte version + 32-byte key + ciphertext overhead.</summary>
    private const int WrappedUserKeyLength = 4 + Aead.KeyLength + Ciphertext.Overhead;

    public static WebApplicationBuilder AddReasonableAuth(this WebApplicationBuilder builder, int? port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = ReadOptions(configuration, port);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<SignInRepository>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<KeyListService>();
        services.AddSingleton<KeyRotationService>();
        services.AddSingleton<SignInService>();
        services.AddScoped<ProviderDirectory>();
        services.AddScoped<CurrentUser>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SessionTokens>((jwt, tokens) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = tokens.ValidationParameters();
            jwt.Events = SessionValidation.Events;
        });
        services.AddAuthorization();

        var perMinute = ReadPositiveInt(configuration, "SIGN_IN_RATE_LIMIT", 30);
        var writesPerMinute = ReadPositiveInt(configuration, "WRITE_RATE_LIMIT", 300);
        var rotationsPerHour = ReadPositiveInt(configuration, "KEY_ROTATION_RATE_LIMIT", 10);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            WriteRateLimit.Add(limiter, writesPerMinute);
            // Per user (the token's subject; the route requires authorization, so there always is one).
            limiter.AddPolicy(KeyEndpoints.RotationRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(SessionClaims.UserId)?.Value ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = rotationsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var (title, detail) = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
                {
                    AuthEndpoints.SignInRateLimit => ("Too many sign-in attempts", "Too many sign-in attempts from this address. Wait a minute and try again."),
                    KeyEndpoints.RotationRateLimit => (
                        "Too many key rotations",
                        $"Your key was replaced {rotationsPerHour} times this hour already. Wait {Math.Ceiling(wait.TotalMinutes):0} minute(s) and try again."),
                    _ => ("Too many changes at once", "You made more changes in the last minute than Reasonable accepts. Wait a minute and try again."),
                };
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    type: "/problems/too-many-requests",
                    title: title,
                    detail: detail).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    private static AuthOptions ReadOptions(ConfigurationManager configuration, int? port)
    {
        var publicUrl = ReadUrl(configuration, "PUBLIC_URL")
            ?? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port ?? 5180}"));
        return new AuthOptions { PublicUrl = publicUrl, WebAppUrl = ReadUrl(configuration, "WEB_APP_URL") ?? publicUrl };
    }

    /// <summary>Refuses to start when the key list's help link would not fit beside the key in some provider's key slot.</summary>
    public static void CheckKeyListRoom(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var helpUrl = app.Services.GetRequiredService<AuthOptions>().HelpUrl.AbsoluteUri;
        using var scope = app.Services.CreateScope();
        foreach (var provider in scope.ServiceProvider.GetRequiredService<ProviderDirectory>().All)
        {
            var room = KeyListText.MaxHelpUrlCodePoints(provider.KeySlotCapacity, WrappedUserKeyLength);
            if (KeyListText.CodePoints(helpUrl) > room)
            {
                throw new StartupRefusedException(
                    $"PUBLIC_URL is too long: the key list's help link {helpUrl} must fit in {room} characters beside the key on {provider.Info.DisplayName}.");
            }
        }
    }

    private static Uri? ReadUrl(ConfigurationManager configuration, string name)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query))
        {
            throw new StartupRefusedException($"{name} must be an http(s) origin such as https://reasonable.example, not '{text}'.");
        }

        return url;
    }

    private static int ReadPositiveInt(ConfigurationManager configuration, string name, int fallback)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new StartupRefusedException($"{name} must be a positive whole number, not '{text}'.");
    }
}
