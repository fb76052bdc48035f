using Reasonable.Api.Accounts;

namespace Reasonable.Tests.Accounts;

/// <summary>Folding text for search never throws, whatever a stranger's display name holds (accents are tested through the API, which runs with ICU).</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("a\uFFFEb")]
    [InlineData("a\uFFFFb")]
    [InlineData("a\uFDEFb")]
    [InlineData("a\uD800b")]
    [InlineData("a\uDC00b")]
    [InlineData("\uDBFF\uDFFF")]
    [InlineData("\uD83D")]
    public void Fold_NeverThrows_AndKeepsTheRestSearchable(string text)
    {
        var folded = SearchText.Fold(text);

        // No lone surrogate is left: the folded text survives UTF-8 unchanged.
        Assert.Equal(folded, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(folded)));
        if (text.StartsWith('a'))
        {
            Assert.StartsWith("a", folded, StringComparison.Ordinal);
            Assert.EndsWith("b", folded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FoundIn_MatchesAroundANoncharacter()
    {
        var search = new SearchText("builder");

        Assert.True(search.FoundIn("Bob \uFFFE Builder"));
        Assert.False(search.FoundIn("Bob \uFFFE Baker"));
    }
}
