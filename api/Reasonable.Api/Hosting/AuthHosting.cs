using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
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
        services.AddSingleton<RecoveryService>();
        services.AddSingleton<UserDeletionService>();
        services.AddSingleton<Keys.DataKeyRotationRepository>();
        services.AddSingleton<Keys.DataKeyReencryption>();
        services.AddSingleton<Keys.DataKeyRotationService>();
        services.AddSingleton<Keys.SessionDataKeys>();
        services.AddSingleton<Keys.KeyListCheckRepository>();
        services.AddSingleton<Keys.KeyListCheck>();
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

    private static Uri? ReadUrl(ConfigurationManager configuration, string name) =>
        Setting.HttpUrl(configuration, name, originOnly: true, "https://reasonable.example");
}
