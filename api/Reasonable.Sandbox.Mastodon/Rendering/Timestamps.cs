using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>Times as Rails writes them into JSON: UTC, milliseconds, <c>Z</c> (2022-11-02T00:00:00.000Z).</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;
}
