using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// The text Reasonable keeps in the user's key slot: <c>Don't change! ➡️ &lt;help URL&gt; &lt;Base65536 of the wrapped
/// user key&gt;</c>. The same on every provider; each provider says how many code points its slot holds.
/// </summary>
public static class KeyListText
{
    private const string Preamble = "Don't change! ➡️ ";

    /// <summary>The text for a wrapped key; throws when it would not fit in <paramref name="capacity"/> code points.</summary>
    public static string Format(Uri helpUrl, Ciphertext wrappedUserKey, int capacity)
    {
        ArgumentNullException.ThrowIfNull(helpUrl);
        ArgumentNullException.ThrowIfNull(wrappedUserKey);
        var text = $"{Preamble}{helpUrl.AbsoluteUri} {Base65536.Encode(wrappedUserKey.Span)}";
        var length = CodePoints(text);
        if (length > capacity)
        {
            throw new ArgumentException(
                $"The key list text would be {length} code points (the slot holds {capacity}); use a shorter help URL.", nameof(helpUrl));
        }

        return text;
    }

    /// <summary>The longest help URL that still fits beside a wrapped user key of <paramref name="wrappedKeyBytes"/> in <paramref name="capacity"/>.</summary>
    public static int MaxHelpUrlCodePoints(int capacity, int wrappedKeyBytes) =>
        capacity - CodePoints(Preamble) - 1 - ((wrappedKeyBytes + 1) / 2);

    /// <summary>The wrapped key in a slot's text, or null when the text was edited beyond recognition.</summary>
    public static Ciphertext? TryReadWrappedKey(string? text)
    {
        if (text is null || !text.StartsWith("Don't change!", StringComparison.Ordinal))
        {
            return null;
        }

        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            return null;
        }

        try
        {
            var bytes = Base65536.Decode(text[(lastSpace + 1)..]);
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
