namespace Reasonable.Sandbox.X.RateLimits;

/// <summary>
/// Fixed 15-minute windows per (user, endpoint), as X applies them to user-token requests. A window opens at the
/// first request and resets 15 minutes later on the sandbox clock. When disabled, nothing is counted but the headers
/// still go out (clients read them on every response).
/// </summary>
public sealed class RateLimitWindows(SandboxClock clock, SandboxOptions options)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    private readonly Lock gate = new();
    private readonly Dictionary<(string UserId, string Key), (DateTimeOffset Start, int Count)> windows = [];
    private volatile bool enabled = options.RateLimitsEnabled;

    public bool Enabled
    {
        get => enabled;
        set => enabled = value;
    }

    public RateLimitWindow Hit(string userId, string key, int limit)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue((userId, key), out var window) || now >= window.Start + Length)
            {
                window = (now, 0);
            }

            var reset = (window.Start + Length).ToUnixTimeSeconds();
            if (!enabled)
            {
                return new RateLimitWindow(true, limit, limit, reset);
            }

            if (window.Count >= limit)
            {
                windows[(userId, key)] = window;
                return new RateLimitWindow(false, limit, 0, reset);
            }

            window.Count++;
            windows[(userId, key)] = window;
            return new RateLimitWindow(true, limit, limit - window.Count, reset);
        }
    }

    /// <summary>Forgets every window, as if 15 minutes had passed for everyone.</summary>
    public void Clear()
    {
        lock (gate)
        {
            windows.Clear();
        }
    }

    public void Reset()
    {
        Clear();
        enabled = options.RateLimitsEnabled;
    }
}
