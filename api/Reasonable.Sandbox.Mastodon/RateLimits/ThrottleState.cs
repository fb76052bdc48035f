using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.RateLimits;

/// <summary>One throttle's count for one request, and the three headers Mastodon derives from it.</summary>
public readonly record struct ThrottleState(Throttle Throttle, int Limit, int Count, DateTimeOffset Reset)
{
    public int Remaining => Math.Max(0, Limit - Count);

    public bool Exceeded => Count > Limit;

    public void WriteHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["X-RateLimit-Limit"] = Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = FormatReset(Reset);
    }

    /// <summary>ISO 8601 with microseconds in UTC, as Ruby's <c>iso8601(6)</c> writes it: 2026-01-01T00:05:00.000000Z.</summary>
    public static string FormatReset(DateTimeOffset reset) =>
        reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
