using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>
/// Mastodon's account-list paging parameters: <c>limit</c> is <c>min(limit.to_i.abs, 80)</c>, default 40, and
/// <c>max_id</c>/<c>since_id</c> are row ids; <c>min_id</c> is ignored by these routes, as Mastodon's controllers do.
/// </summary>
public sealed record PageParameters(int Limit, string? RawLimit, long? MaxId, long? SinceId)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    public static PageParameters From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? raw = query["limit"];
        var limit = raw is null ? DefaultLimit : (int)Math.Min(Math.Abs(RubyToI(raw)), MaxLimit);
        return new PageParameters(limit, raw, Cursor(query["max_id"]), Cursor(query["since_id"]));
    }

    private static long? Cursor(string? raw) => string.IsNullOrEmpty(raw) ? null : RubyToI(raw);

    /// <summary>Ruby's <c>String#to_i</c>: leading blanks, a sign, then as many digits as there are; 0 if none.</summary>
    private static long RubyToI(string raw)
    {
        var text = raw.TrimStart();
        var sign = text.StartsWith('-') ? -1 : 1;
        var digits = new string([.. text.TrimStart('+', '-').TakeWhile(char.IsAsciiDigit).Take(18)]);
        return digits.Length == 0 ? 0 : sign * long.Parse(digits, CultureInfo.InvariantCulture);
    }
}
