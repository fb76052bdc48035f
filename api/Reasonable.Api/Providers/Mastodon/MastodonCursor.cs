namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// A relation page's cursor is the absolute <c>rel="next"</c> URL the instance sent. It is followed only when it
/// points at the very route it came from: same scheme, host, port and path, no user info or fragment. Otherwise a
/// hostile instance could send the server (and the user's token) anywhere.
/// </summary>
public static class MastodonCursor
{
    /// <summary>The cursor as a URL when it continues <paramref name="route"/>; null otherwise.</summary>
    public static Uri? Continuing(string? cursor, Uri route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (string.IsNullOrEmpty(cursor) || !Uri.TryCreate(cursor, UriKind.Absolute, out var next))
        {
            return null;
        }

        return next.Scheme == route.Scheme
            && string.Equals(next.IdnHost, route.IdnHost, StringComparison.OrdinalIgnoreCase)
            && next.Port == route.Port
            && string.Equals(next.AbsolutePath, route.AbsolutePath, StringComparison.Ordinal)
            && next.UserInfo.Length == 0
            && next.Fragment.Length == 0
            && !next.OriginalString.Contains('\\', StringComparison.Ordinal)
            ? next
            : null;
    }
}
