using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.RateLimits;

/// <summary>
/// Counts a request against its limit in the shared database, so a limit holds across every API process: a user who
/// spreads requests over several nodes gets no more than from one. Null when the request may go on; otherwise the
/// 429 problem, with <c>Retry-After</c> set to the window's end.
/// </summary>
public sealed class SharedRateLimiter(RateLimitOptions options, RateLimitWindowRepository windows, MasterKeyRing ring)
{
    public async Task<ProblemHttpResult?> CheckAsync(LimitedAction action, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limit = options.For(action);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Per-user limits are on routes that need a session, so there is always a user; the address is a fallback.
        var partition = !limit.PerAddress && http.User.FindFirst(SessionClaims.UserId)?.Value is { } user ? $"user:{user}" : $"address:{address}";
        var (hits, windowEnd, now) = await windows.HitAsync(RateLimitKey.Hash(ring, action.ToString(), partition), limit.Window, http.RequestAborted);
        if (hits <= limit.Limit)
        {
            return null;
        }

        var wait = windowEnd - now;
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "/problems/too-many-requests",
            title: limit.Title,
            detail: limit.Detail(wait));
    }
}
