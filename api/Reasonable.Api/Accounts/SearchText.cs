using System.Globalization;
using System.Text;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Free-text matching after decryption: case- and accent-insensitive ("cafe" finds "Café"), by folding both sides
/// to lower-case letters without combining marks and comparing ordinally.
/// </summary>
public sealed class SearchText
{
    private readonly string folded;
    private readonly bool asciiQuery;

    public SearchText(string query)
    {
        folded = Fold(query);
        asciiQuery = Ascii.IsValid(folded);
    }

    public bool FoundIn(string? text)
    {
        if (text is null)
        {
            return false;
        }

        // Most notes are ASCII: compare in place without folding (and allocating) each one.
        return asciiQuery && Ascii.IsValid(text)
            ? text.Contains(folded, StringComparison.OrdinalIgnoreCase)
            : Fold(text).Contains(folded, StringComparison.Ordinal);
    }

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // ASCII holds no accents and no unnormalisable characters, and decomposing leaves it as it is: lower-casing is
        // the whole fold, without a trip through ICU (most notes, handles and tags are ASCII).
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        // Lone surrogates and noncharacters (U+FFFE, …), which strangers' display names can hold, match nothing and
        // make Normalize throw (or pass through unpaired): they become U+FFFD, and the rest of the text stays searchable.
        var decomposed = (MayHoldUnnormalisable(text) ? WithoutUnnormalisable(text) : text).Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(char.ToLowerInvariant(character));
            }
        }

        return result.ToString();
    }

    private static bool MayHoldUnnormalisable(string text)
    {
        var span = text.AsSpan();
        return span.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 || span.IndexOfAnyInRange('\uFDD0', '\uFDEF') >= 0 || span.IndexOfAny('\uFFFE', '\uFFFF') >= 0;
    }

    private static string WithoutUnnormalisable(string text)
    {
        var result = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var value = rune.Value;
            var noncharacter = (value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF;
            result.Append(noncharacter ? Rune.ReplacementChar.ToString() : rune.ToString());
            rest = rest[consumed..];
        }

        return result.ToString();
    }
}
