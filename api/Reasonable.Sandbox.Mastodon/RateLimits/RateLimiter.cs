namespace Reasonable.Sandbox.Mastodon.RateLimits;

/// <summary>
/// One instance's throttle counters: fixed windows aligned to multiples of the period since the epoch, as rack-attack
/// keeps them. Every request counts, refused ones included. When disabled nothing is counted, but the headers still
/// go out (with the full allowance), so clients that read them behave the same.
/// </summary>
public sealed class RateLimiter(SandboxClock clock, bool enabledAtStart)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(Throttle Throttle, string Key, long Window), int> counts = [];
    private RateLimitSettings settings = RateLimitSettings.Mastodon(enabledAtStart);

    public RateLimitSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings;
            }
        }

        set
        {
            lock (gate)
            {
                settings = value;
            }
        }
    }

    /// <summary>Counts the request against each (throttle, key) and returns every throttle's state.</summary>
    public IReadOnlyList<ThrottleState> Hit(IEnumerable<(Throttle Throttle, string Key)> applicable)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var states = new List<ThrottleState>();
            foreach (var (throttle, key) in applicable)
            {
                var period = RateLimitSettings.Period(throttle).Ticks;
                var window = now.UtcTicks / period;
                var reset = new DateTimeOffset((window + 1) * period, TimeSpan.Zero);
                var count = 0;
                if (settings.Enabled)
                {
                    counts.TryGetValue((throttle, key, window), out count);
                    counts[(throttle, key, window)] = ++count;
                }

                states.Add(new ThrottleState(throttle, settings.Limit(throttle), count, reset));
            }

            return states;
        }
    }

    /// <summary>Forgets every count, as if every window had ended.</summary>
    public void Clear()
    {
        lock (gate)
        {
            counts.Clear();
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            counts.Clear();
            settings = RateLimitSettings.Mastodon(enabledAtStart);
        }
    }
}
