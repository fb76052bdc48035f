namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// A relation page's cursor comes from the <c>rel="next"</c> URL the instance sent, which is followed only when it
/// points at the very route it came from: same scheme, host, port and path, no user info or fragment. Otherwise a
/// hostile instance could send the server (and the user's token) anywhere. The stored cursor is the route's last
/// segment and the URL's query (<c>blocks?limit=80&amp;max_id=7</c>): sync keeps cursors in plain text, and the whole
/// URL would name the user's instance and, for follows, their id there.
/// </summary>
public static class MastodonCursor
{
    /// <summary>The cursor to store for <paramref name="next"/>; null when it does not continue <paramref name="route"/>.</summary>
    public static string? From(Uri next, Uri route)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(route);
        return Continuing(next.AbsoluteUri, route) is { Query.Length: > 1 } continuing ? Segment(route) + continuing.Query : null;
    }

    /// <summary>The URL a stored cursor continues <paramref name="route"/> with; null when it is not a cursor of that route.</summary>
    public static Uri? Resolve(string? cursor, Uri route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        if (cursor.Contains("://", StringComparison.Ordinal))
        {
            return Continuing(cursor, route); // a whole URL, as cursors were stored before they left the instance out
        }

        var prefix = Segment(route) + "?";
        return cursor.StartsWith(prefix, StringComparison.Ordinal) && cursor.Length > prefix.Length && !cursor.Contains('#', StringComparison.Ordinal)
            ? Continuing(new UriBuilder(route) { Query = cursor[prefix.Length..] }.Uri.AbsoluteUri, route)
            : null;
    }

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

    private static string Segment(Uri route) => route.Segments[^1].TrimEnd('/');
}
