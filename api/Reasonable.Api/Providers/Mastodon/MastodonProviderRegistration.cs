using Microsoft.Extensions.DependencyInjection.Extensions;
using Reasonable.Api.Data;

namespace Reasonable.Api.Providers.Mastodon;

public static class MastodonProviderRegistration
{
    /// <summary>
    /// Registers <see cref="MastodonProvider"/> as an <see cref="ISocialProvider"/> typed client, with the store for
    /// its per-instance app registrations. In production the client connects only to public addresses.
    /// </summary>
    public static IServiceCollection AddMastodonProvider(this IServiceCollection services, MastodonOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderAppRepository>();
        services.TryAddSingleton<ProviderAppStore>();

        // MastodonProvider enforces MastodonOptions.Timeout per call, body included.
        // Named after the provider: typed clients of one interface would otherwise share one pipeline.
        services.AddHttpClient<ISocialProvider, MastodonProvider>("mastodon", client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options));
        return services;
    }

    /// <summary>
    /// Never follows a redirect (an instance must not send us, and its user's token, elsewhere), keeps no cookies, and
    /// in production checks every address a name resolves to right before connecting (DNS rebinding).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(MastodonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.Production)
        {
            handler.ConnectCallback = PublicAddressGuard.ConnectAsync;
        }

        return handler;
    }
}
