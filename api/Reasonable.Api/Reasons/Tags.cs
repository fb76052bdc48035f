namespace Reasonable.Api.Reasons;

/// <summary>How tags compare: trimmed and case-insensitive, so "Spam" and " spam" are one tag.</summary>
public static class Tags
{
    public static string Normalize(string tag) => (tag ?? throw new ArgumentNullException(nameof(tag))).Trim().ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
}
