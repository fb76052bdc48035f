using System.Text;

namespace Reasonable.Crypto;

/// <summary>
/// The private list on the user's social account that holds their wrapped user key:
/// name <c>Reasonable key (pls keep)</c>, description <c>Don't change! ➡️ &lt;help URL&gt; &lt;Base65536 of the wrapped key&gt;</c>.
/// X allows 100 code points of description; Mastodon (no description) puts the same text in the title.
/// </summary>
public static class KeyList
{
    public const string Name = "Reasonable key (pls keep)";
    public const int MaxDescriptionCodePoints = 100;
    private const string Preamble = "Don't change! ➡️ ";

    /// <summary>The description for a wrapped key; throws when the help URL leaves too little room.</summary>
    public static string Describe(Uri helpUrl, Ciphertext wrappedUserKey)
    {
        ArgumentNullException.ThrowIfNull(helpUrl);
        ArgumentNullException.ThrowIfNull(wrappedUserKey);
        var description = $"{Preamble}{helpUrl.AbsoluteUri} {Base65536.Encode(wrappedUserKey.Span)}";
        var length = CodePoints(description);
        if (length > MaxDescriptionCodePoints)
        {
            throw new ArgumentException(
                $"The key list description would be {length} code points (limit {MaxDescriptionCodePoints}); use a shorter help URL.", nameof(helpUrl));
        }

        return description;
    }

    /// <summary>The longest help URL that still fits beside a wrapped user key.</summary>
    public static int MaxHelpUrlCodePoints(int wrappedKeyBytes) =>
        MaxDescriptionCodePoints - CodePoints(Preamble) - 1 - ((wrappedKeyBytes + 1) / 2);

    /// <summary>The wrapped key in a description, or null when the description was edited beyond recognition.</summary>
    public static Ciphertext? TryReadWrappedKey(string? description)
    {
        if (description is null || !description.StartsWith("Don't change!", StringComparison.Ordinal))
        {
            return null;
        }

        var lastSpace = description.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            return null;
        }

        try
        {
            var bytes = Base65536.Decode(description[(lastSpace + 1)..]);
            return bytes.Length >= Ciphertext.Overhead ? new Ciphertext(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static int CodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EnumerateRunes().Count();
    }
}
