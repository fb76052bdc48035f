using System.Globalization;

namespace Reasonable.Sandbox.Mastodon;

/// <summary>Settings read from the environment at start. Every one has a development default, so the sandbox runs bare.</summary>
public sealed class MastodonSandboxOptions
{
    public const int DefaultPort = 5190;

    public static readonly IReadOnlyList<string> DefaultInstances = ["fedi.example", "social.example"];

    /// <summary><c>PORT</c>: the first instance's port; instance n listens on PORT + n.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary><c>SANDBOX_INSTANCES</c>: comma-separated domains, in port order.</summary>
    public IReadOnlyList<string> Instances { get; set; } = DefaultInstances;

    /// <summary><c>SANDBOX_RATE_LIMITS</c>: <c>off</c> starts with rate limiting disabled on every instance.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    public static MastodonSandboxOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new MastodonSandboxOptions();
        if (int.TryParse(configuration["PORT"], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            options.Port = port;
        }

        var instances = (configuration["SANDBOX_INSTANCES"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (instances.Length > 0)
        {
            options.Instances = [.. instances.Select(d => d.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
        }

        options.RateLimitsEnabled = !string.Equals(configuration["SANDBOX_RATE_LIMITS"], "off", StringComparison.OrdinalIgnoreCase);
        return options;
    }
}
