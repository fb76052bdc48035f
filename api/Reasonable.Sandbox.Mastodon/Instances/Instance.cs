using System.Globalization;
using System.Reflection;
using Reasonable.Sandbox.Mastodon.Faults;
using Reasonable.Sandbox.Mastodon.OAuth;
using Reasonable.Sandbox.Mastodon.RateLimits;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Instances;

/// <summary>
/// One emulated Mastodon server: its domain, its own loopback port and base URL, and everything it keeps. A request
/// belongs to the instance whose port it arrived on; handlers take it as a parameter.
/// </summary>
public sealed class Instance(int index, string domain, int port, int instanceCount, SandboxClock clock, bool rateLimitsEnabled)
{
    public int Index { get; } = index;

    public string Domain { get; } = domain;

    public int Port { get; } = port;

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash: every absolute URL the instance hands out starts with it.</summary>
    public string BaseUrl { get; } = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    public InstanceState State { get; } = new(index, instanceCount);

    public OAuthStore OAuth { get; } = new();

    public InstanceModes Modes { get; } = new();

    public RateLimiter RateLimits { get; } = new(clock, rateLimitsEnabled);

    public FaultInjector Faults { get; } = new();

    public string Url(string pathAndQuery) => BaseUrl + pathAndQuery;

    public void Reset(DateTimeOffset now)
    {
        State.Reset(now);
        OAuth.Reset();
        Modes.Reset();
        RateLimits.Reset();
        Faults.Clear();
    }

    public static ValueTask<Instance?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ValueTask.FromResult<Instance?>(Of(http));
    }

    public static Instance Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<Federation>().ByPort(http.Connection.LocalPort)
            ?? throw new InvalidOperationException($"No instance listens on port {http.Connection.LocalPort}.");
    }
}
