using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Reasonable.Api.Auth;

namespace Reasonable.Api.Sync;

/// <summary>
/// How often one user may start a sync (POST /api/sync): SYNC_START_RATE_LIMIT per hour, per signed-in user, with a
/// problem of its own when it is used up.
/// </summary>
public sealed class SyncStartRateLimitPolicy(SyncOptions options) : IRateLimiterPolicy<string>
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "/problems/too-many-requests",
            title: "Too many syncs started",
            detail: "You started several syncs within the hour. The last one keeps going by itself; GET /api/sync shows how far it is.")
            .ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.User.FindFirst(SessionClaims.UserId)?.Value ?? string.Empty,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.StartsPerHour, Window = Window, QueueLimit = 0 });
    }
}
