using Reasonable.Api.Accounts;
using Reasonable.Api.Search;

namespace Reasonable.Tests.Accounts;

/// <summary>Folding text for search never throws, whatever a stranger's display name holds (accents are tested through the API, which runs with ICU).</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xFDEF)]
    [InlineData(0xD800)] // a lone high surrogate
    [InlineData(0xDC00)] // a lone low surrogate
    public void Fold_NeverThrows_AndKeepsTheRestSearchable(int unit)
    {
        // Built here rather than in the attribute: lone surrogates do not survive as test case names.
        var text = "a" + (char)unit + "b";

        var folded = SearchText.Fold(text);

        // No lone surrogate is left: the folded text survives UTF-8 unchanged.
        Assert.Equal(folded, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(folded)));
        Assert.StartsWith("a", folded, StringComparison.Ordinal);
        Assert.EndsWith("b", folded, StringComparison.Ordinal);
    }

    [Fact]
    public void Fold_KeepsValidSurrogatePairs_BesideOnesItReplaces()
    {
        Assert.Equal("x\U0001F600\uFFFD", SearchText.Fold("x\U0001F600\uD800"));
    }

    [Fact]
    public void FoundIn_MatchesAroundANoncharacter()
    {
        var search = new SearchText("builder");

        Assert.True(search.FoundIn("Bob \uFFFE Builder"));
        Assert.False(search.FoundIn("Bob \uFFFE Baker"));
    }

    [Fact]
    public void AsciiText_SplitsAtEveryCharacterButLettersAndDigits_AsTheRuneByRuneSplitDoes()
    {
        // Every ASCII character once, between letters: each non-alphanumeric one separates, letters fold to lower case.
        var text = string.Concat(Enumerable.Range(0, 128).Select(code => $"A{(char)code}z"));
        var expected = System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), "[a-z0-9]+").Select(match => match.Value).ToList();

        Assert.Equal(expected, SearchWords.Split(text));
        // The same text after two kanji (not ASCII) takes the rune-by-rune split, and gives the same words after them.
        Assert.Equal(["日", "本", .. expected], SearchWords.Split("日本 " + text));
    }
}
