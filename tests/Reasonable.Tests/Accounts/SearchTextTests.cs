using Reasonable.Api.Accounts;

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
}
