using Microsoft.Extensions.DependencyInjection.Extensions;
using Reasonable.OAuth1;

namespace Reasonable.Api.Providers.X;

public static class XProviderRegistration
{
    /// <summary>
    /// Registers <see cref="XProvider"/> as an <see cref="ISocialProvider"/> typed client: one factory-managed
    /// HttpClient for X whose pipeline signs every request with the credentials the request carries.
    /// </summary>
    public static IServiceCollection AddXProvider(this IServiceCollection services, XOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        // XProvider builds absolute URLs from XOptions.BaseUrl and enforces XOptions.Timeout per call, body included.
        // Named after the provider: typed clients of one interface would otherwise share one pipeline (and X signs every request).
        services.AddHttpClient<ISocialProvider, XProvider>("x", client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would drop the Authorization header and change the signed URL; X never sends one here.
                AllowAutoRedirect = false,
                UseCookies = false,
            })
            .AddHttpMessageHandler(() => new OAuthSigningHandler());
        return services;
    }
}
