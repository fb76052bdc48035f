using System.Globalization;
using Reasonable.Api.Hosting;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// Where Mastodon instances are and how patient to be with them. Any instance is <c>https://&lt;instance&gt;/</c>
/// unless <see cref="Instances"/> says otherwise (the sandbox and tests run instances on loopback ports).
/// </summary>
public sealed class MastodonOptions
{
    public const string InstancesVariable = "MASTODON_INSTANCES";
    public const string TimeoutVariable = "MASTODON_TIMEOUT_SECONDS";

    /// <summary>Instance name to base URL, for instances that are not at <c>https://&lt;instance&gt;/</c>. Never in production.</summary>
    public IReadOnlyDictionary<string, Uri> Instances { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>How long one call (request and whole body) may take before it counts as the instance being unavailable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// In production every instance must resolve to public addresses only (<see cref="PublicAddressGuard"/>): the
    /// instance name comes from whoever signs in, and must not make the server call into its own network.
    /// </summary>
    public bool Production { get; init; }

    /// <summary>The base URL (ending in /) of a normalised instance name; throws for anything that is not a host name.</summary>
    public Uri BaseUrl(string instance)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        if (Instances.TryGetValue(instance, out var configured))
        {
            return configured;
        }

        if (Uri.CheckHostName(instance) != UriHostNameType.Dns)
        {
            throw new ArgumentException("A Mastodon instance is a host name.", nameof(instance));
        }

        return new Uri($"https://{instance}/");
    }

    /// <summary>
    /// Reads <c>MASTODON_INSTANCES</c> (<c>fedi.example=http://127.0.0.1:5190,social.example=http://127.0.0.1:5191</c>)
    /// and <c>MASTODON_TIMEOUT_SECONDS</c>, both optional. The instance map is refused in production, where every
    /// instance must be a public https server.
    /// </summary>
    public static MastodonOptions FromConfiguration(IConfiguration configuration, bool production)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var instances = ReadInstances(Setting.Text(configuration, InstancesVariable));
        if (production && instances.Count > 0)
        {
            throw new StartupRefusedException($"{InstancesVariable} is for development and tests only; unset it in production.");
        }

        var timeout = TimeSpan.FromSeconds(Setting.WholeNumber(configuration, TimeoutVariable, 1, 300) ?? 15);

        return new MastodonOptions { Instances = instances, Timeout = timeout, Production = production };
    }

    private static Dictionary<string, Uri> ReadInstances(string? text)
    {
        var instances = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var entry in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? InstanceName.TryNormalise(entry[..equals], allowPorts: false, out _) : null;
            if (name is null || !Uri.TryCreate(entry[(equals + 1)..].Trim(), UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query))
            {
                throw new StartupRefusedException(
                    $"{InstancesVariable} must be name=origin pairs separated by commas, such as fedi.example=http://127.0.0.1:5190.");
            }

            instances[name] = url;
        }

        return instances;
    }
}
