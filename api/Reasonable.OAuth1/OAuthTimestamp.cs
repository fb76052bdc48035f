using System.Globalization;

namespace Reasonable.OAuth1;

/// <summary><c>oauth_timestamp</c>: whole seconds since the Unix epoch, as a decimal string.</summary>
public static class OAuthTimestamp
{
    public static string From(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="timestamp"/> is a number of seconds within <paramref name="skew"/> of <paramref name="now"/>, either way.</summary>
    public static bool IsWithin(string? timestamp, DateTimeOffset now, TimeSpan skew)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var difference = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        return difference <= (long)skew.TotalSeconds;
    }
}
