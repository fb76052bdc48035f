namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>Mastodon's OAuth scopes: the umbrella ones (read, write, follow, push, profile) and the granular ones.</summary>
public static class OAuthScopes
{
    public const string Default = "read";

    /// <summary>Every scope a current server knows (Doorkeeper's <c>enforce_configured_scopes</c> rejects the rest).</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "profile", "read", "write", "push", "follow", "admin:read", "admin:write",
        "read:accounts", "read:blocks", "read:bookmarks", "read:collections", "read:favourites", "read:filters", "read:follows",
        "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
        "write:accounts", "write:blocks", "write:bookmarks", "write:collections", "write:conversations", "write:favourites",
        "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications", "write:reports",
        "write:statuses",
        "admin:read:accounts", "admin:read:canonical_email_blocks", "admin:read:domain_allows", "admin:read:domain_blocks",
        "admin:read:email_domain_blocks", "admin:read:ip_blocks", "admin:read:reports",
        "admin:write:accounts", "admin:write:canonical_email_blocks", "admin:write:domain_allows", "admin:write:domain_blocks",
        "admin:write:email_domain_blocks", "admin:write:ip_blocks", "admin:write:reports",
    ];

    /// <summary>Scopes that arrived with 4.3 or later, unknown to an older server.</summary>
    private static readonly HashSet<string> SinceFourThree = new(StringComparer.Ordinal) { "profile", "read:collections", "write:collections" };

    public static IReadOnlyList<string> KnownBy(bool preFourThree) => preFourThree ? [.. Known.Where(s => !SinceFourThree.Contains(s))] : Known;

    /// <summary>Splits a scope string on spaces or '+' (both appear in the wild); blank → null so callers can apply a default.</summary>
    public static IReadOnlyList<string>? Parse(string? raw)
    {
        var parts = (raw ?? string.Empty).Split([' ', '+', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : [.. parts.Distinct(StringComparer.Ordinal)];
    }

    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);
}
