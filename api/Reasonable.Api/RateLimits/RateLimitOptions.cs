using Reasonable.Api.Hosting;

namespace Reasonable.Api.RateLimits;

/// <summary>
/// Every rate limit and its setting: SIGN_IN_RATE_LIMIT a minute per address (30), WRITE_RATE_LIMIT a minute per
/// user (300), KEY_ROTATION_RATE_LIMIT an hour per user (10), SYNC_START_RATE_LIMIT an hour per user (10).
/// </summary>
public sealed class RateLimitOptions
{
    private readonly Dictionary<LimitedAction, RateLimit> limits;

    private RateLimitOptions(IEnumerable<RateLimit> limits) => this.limits = limits.ToDictionary(limit => limit.Action);

    public RateLimit For(LimitedAction action) => limits[action];

    public static RateLimitOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rotations = Count(configuration, "KEY_ROTATION_RATE_LIMIT", 10);
        return new RateLimitOptions(
        [
            new(LimitedAction.SignIn, Count(configuration, "SIGN_IN_RATE_LIMIT", 30), TimeSpan.FromMinutes(1), PerAddress: true,
                "Too many sign-in attempts", _ => "Too many sign-in attempts from this address. Wait a minute and try again."),
            new(LimitedAction.Write, Count(configuration, "WRITE_RATE_LIMIT", 300), TimeSpan.FromMinutes(1), PerAddress: false,
                "Too many changes at once", _ => "You made more changes in the last minute than Reasonable accepts. Wait a minute and try again."),
            new(LimitedAction.KeyRotation, rotations, TimeSpan.FromHours(1), PerAddress: false,
                "Too many key rotations", wait => $"Your key was replaced {rotations} times this hour already. Wait {Math.Ceiling(wait.TotalMinutes):0} minute(s) and try again."),
            new(LimitedAction.SyncStart, Count(configuration, "SYNC_START_RATE_LIMIT", 10), TimeSpan.FromHours(1), PerAddress: false,
                "Too many syncs started", _ => "You started several syncs within the hour. The last one keeps going by itself; GET /api/sync shows how far it is."),
        ]);
    }

    private static int Count(IConfiguration configuration, string name, int fallback) => Setting.WholeNumber(configuration, name) ?? fallback;
}
