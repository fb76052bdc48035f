namespace Reasonable.Sandbox.X;

/// <summary>Settings read from the environment at start. Every one has a development default, so the sandbox runs bare.</summary>
public sealed class SandboxOptions
{
    public const string DefaultConsumerKey = "sandbox-consumer-key";
    public const string DefaultConsumerSecret = "sandbox-consumer-secret";

    /// <summary><c>SANDBOX_CONSUMER_KEY</c>: the one registered app's key.</summary>
    public string ConsumerKey { get; set; } = DefaultConsumerKey;

    /// <summary><c>SANDBOX_CONSUMER_SECRET</c>.</summary>
    public string ConsumerSecret { get; set; } = DefaultConsumerSecret;

    /// <summary>
    /// <c>SANDBOX_CALLBACK_PREFIXES</c>: comma-separated URL prefixes a request_token callback must start with
    /// (X's "callback URL not approved", code 415). Empty allows any absolute http(s) URL and <c>oob</c>.
    /// </summary>
    public IReadOnlyList<string> CallbackPrefixes { get; set; } = [];

    /// <summary><c>SANDBOX_RATE_LIMITS</c>: <c>off</c> starts with rate limiting disabled.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>
    /// <c>SANDBOX_LENIENT_ACCESS_TOKEN</c>: <c>true</c> also accepts an access_token call signed with an empty token
    /// secret, as LinqToTwitter does and X tolerates. Off by default: the RFC key is <c>cs&amp;requestTokenSecret</c>.
    /// </summary>
    public bool LenientAccessToken { get; set; }

    /// <summary>How far <c>oauth_timestamp</c> may be from the wall clock, either way.</summary>
    public TimeSpan TimestampSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an unexchanged request token lives (sandbox clock).</summary>
    public TimeSpan RequestTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public static SandboxOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SandboxOptions();
        options.ConsumerKey = NonEmpty(configuration["SANDBOX_CONSUMER_KEY"]) ?? options.ConsumerKey;
        options.ConsumerSecret = NonEmpty(configuration["SANDBOX_CONSUMER_SECRET"]) ?? options.ConsumerSecret;
        options.CallbackPrefixes = (configuration["SANDBOX_CALLBACK_PREFIXES"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        options.RateLimitsEnabled = !string.Equals(configuration["SANDBOX_RATE_LIMITS"], "off", StringComparison.OrdinalIgnoreCase);
        options.LenientAccessToken = string.Equals(configuration["SANDBOX_LENIENT_ACCESS_TOKEN"], "true", StringComparison.OrdinalIgnoreCase);
        return options;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
