using Reasonable.Api.Hosting;

namespace Reasonable.Api.Providers.X;

/// <summary>Where X is and the app's consumer key pair. Both oauth/* and 2/* live on one host.</summary>
public sealed class XOptions
{
    public const string BaseUrlVariable = "X_BASE_URL";
    public const string ConsumerKeyVariable = "X_CONSUMER_KEY";
    public const string ConsumerSecretVariable = "X_CONSUMER_SECRET";

    public static Uri DefaultBaseUrl { get; } = new("https://api.x.com/");

    /// <summary>Scheme, host and port only: the signature covers the host, so it must be exactly what is sent to.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    public required string ConsumerKey { get; init; }

    public required string ConsumerSecret { get; init; }

    /// <summary>How long one call (request and whole body) may take before it counts as X being unavailable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Reads <c>X_BASE_URL</c> (optional), <c>X_CONSUMER_KEY</c> and <c>X_CONSUMER_SECRET</c>. Refuses to start without
    /// the key pair rather than failing at the first sign-in.
    /// </summary>
    public static XOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = Setting.Text(configuration, ConsumerKeyVariable);
        var secret = Setting.Text(configuration, ConsumerSecretVariable);
        if (key is null || secret is null)
        {
            throw new StartupRefusedException(
                $"{ConsumerKeyVariable} and {ConsumerSecretVariable} must both be set to the X app's consumer key pair.");
        }

        var baseUrl = Setting.HttpUrl(configuration, BaseUrlVariable, originOnly: false, "https://api.x.com");
        return baseUrl is null
            ? new XOptions { ConsumerKey = key, ConsumerSecret = secret }
            : new XOptions { BaseUrl = baseUrl, ConsumerKey = key, ConsumerSecret = secret };
    }
}
