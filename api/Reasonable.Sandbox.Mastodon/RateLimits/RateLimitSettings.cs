namespace Reasonable.Sandbox.Mastodon.RateLimits;

/// <summary>Limits per throttle, Mastodon's by default; tests lower them with <c>POST /_sandbox/rate-limits</c>.</summary>
public sealed record RateLimitSettings(bool Enabled, int PerToken, int PerUser, int Paging, int Unauthenticated, int AppRegistrations)
{
    public static RateLimitSettings Mastodon(bool enabled) => new(enabled, 300, 1500, 300, 300, 5);

    public int Limit(Throttle throttle) => throttle switch
    {
        Throttle.AuthenticatedApi => PerUser,
        Throttle.PerTokenApi => PerToken,
        Throttle.UnauthenticatedApi => Unauthenticated,
        Throttle.AuthenticatedPaging or Throttle.UnauthenticatedPaging => Paging,
        Throttle.AppRegistrations => AppRegistrations,
        _ => throw new ArgumentOutOfRangeException(nameof(throttle)),
    };

    public static TimeSpan Period(Throttle throttle) => throttle switch
    {
        Throttle.AuthenticatedPaging or Throttle.UnauthenticatedPaging => TimeSpan.FromMinutes(15),
        Throttle.AppRegistrations => TimeSpan.FromMinutes(10),
        _ => TimeSpan.FromMinutes(5),
    };
}
