using System.Globalization;
using System.Text;
using Reasonable.Api.Accounts;

namespace Reasonable.Api.Search;

/// <summary>
/// How free text splits into words, for the index and for matching alike: folded (<see cref="SearchText.Fold"/>:
/// lower case, no accents, unnormalisable characters as U+FFFD), then runs of letters and digits. Scripts written
/// without spaces (Chinese, Japanese kana and kanji) make one word per character, so any of their characters can be
/// searched. Everything else (spaces, punctuation, <c>@</c>, <c>_</c>, emoji, U+FFFD) separates words.
/// </summary>
public static class SearchWords
{
    /// <summary>The longest prefix, in characters, the index holds: longer words are found by their first 16.</summary>
    public const int MaxPrefixLength = 16;

    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var folded = SearchText.Fold(text);
        if (Ascii.IsValid(folded))
        {
            SplitAscii(folded, words);
            return words;
        }

        var word = new StringBuilder();
        Span<char> encoded = stackalloc char[2];
        foreach (var rune in folded.EnumerateRunes())
        {
            if (!IsWordRune(rune))
            {
                Flush(word, words);
            }
            else if (IsUnspacedScript(rune))
            {
                Flush(word, words);
                words.Add(rune.ToString());
            }
            else
            {
                word.Append(encoded[..rune.EncodeToUtf16(encoded)]);
            }
        }

        Flush(word, words);
        return words;
    }

    /// <summary>The word's prefixes of 1 to <see cref="MaxPrefixLength"/> characters (never splitting a surrogate pair).</summary>
    public static IEnumerable<string> Prefixes(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var length = 0;
        var count = 0;
        foreach (var rune in word.EnumerateRunes())
        {
            length += rune.Utf16SequenceLength;
            count++;
            yield return word[..length];
            if (count == MaxPrefixLength)
            {
                yield break;
            }
        }
    }

    /// <summary>What the index holds for a word looked up as a prefix: its first <see cref="MaxPrefixLength"/> characters.</summary>
    public static string IndexedPrefix(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Prefixes(word).LastOrDefault() ?? word;
    }

    /// <summary>The same split for ASCII, where the only letters and digits are a–z, A–Z and 0–9, without a rune at a time.</summary>
    private static void SplitAscii(string folded, List<string> words)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsAsciiLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

    private static bool IsUnspacedScript(Rune rune) => rune.Value is
        (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
        or (>= 0x3400 and <= 0x4DBF) // CJK extension A
        or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
        or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
        or (>= 0x20000 and <= 0x3FFFF); // CJK extensions B and later
}
