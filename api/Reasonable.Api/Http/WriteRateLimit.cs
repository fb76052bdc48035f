using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Reasonable.Api.Auth;

namespace Reasonable.Api.Http;

/// <summary>
/// The per-user limit on routes that write (WRITE_RATE_LIMIT a minute, default 300): enough for a person or a
/// careful script, and a brake on a runaway one. Keyed by the signed-in user, so one user cannot slow another.
/// </summary>
public static class WriteRateLimit
{
    public const string Policy = "writes";

    public static void Add(RateLimiterOptions limiter, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.User.FindFirst(SessionClaims.UserId)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
