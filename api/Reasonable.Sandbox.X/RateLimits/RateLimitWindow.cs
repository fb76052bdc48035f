using System.Globalization;

namespace Reasonable.Sandbox.X.RateLimits;

/// <summary>One request's view of its window: whether it may proceed, and the three headers X always sends.</summary>
public readonly record struct RateLimitWindow(bool Allowed, int Limit, int Remaining, long ResetEpochSeconds)
{
    public void WriteHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["x-rate-limit-limit"] = Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-rate-limit-remaining"] = Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-rate-limit-reset"] = ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
