using Reasonable.Api.Accounts;
using Reasonable.Api.Reasons;
using Reasonable.Api.Search;
using Reasonable.Crypto;

namespace Reasonable.Tests.Search;

/// <summary>
/// The match after decryption skips splitting a field into words when some word of a term is not in its text. These
/// trials check that the shortcut never changes an answer: random queries over random fields, against splitting every
/// field as the match did before.
/// </summary>
public sealed class SearchQueryTests
{
    // Mixed case, accents, a dotless i and a long s (whose upper cases are ASCII), CJK, emoji, punctuation and spaces.
    private static readonly string[] Pieces =
    [
        "reply", "Reply", "REPLY", "guy", "Guy", "replying", "crypto", "scam", "Zoë", "zoe", "ZOE", "café", "Cafe",
        "ıstanbul", "istanbul", "ſtop", "stop", "東京", "東", "京都", "🙂", "-", "@", "_", ".", " ", "  ", "\"", "\uFFFE", "ß", "SS",
    ];

    [Fact]
    public void MatchedIn_AnswersAsSplittingEveryFieldWould()
    {
        var random = new Random(1313);
        var differences = new List<string>();
        for (var trial = 0; trial < 4000; trial++)
        {
            var query = SearchQuery.Parse(RandomQuery(random));
            if (query is null)
            {
                continue;
            }

            var account = new AccountDocument("1", RandomText(random, 3), RandomText(random, 4), null, null, null, null);
            var reasons = Enumerable.Range(0, random.Next(4))
                .Select(_ => new ReasonContent(Guid.Empty, 1, "block", RandomText(random, 8), [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomText(random, 2))]))
                .ToList();

            var expected = MatchedBySplittingEveryField(query, account, reasons);
            var actual = query.MatchedIn(account, reasons);
            if (!Same(expected, actual))
            {
                differences.Add($"query {string.Join(' ', query.Terms.Select(term => string.Join('+', term.Words)))}, handle {account.Handle}");
            }
        }

        Assert.Empty(differences);
    }

    [Fact]
    public void MatchedIn_FindsAWordWhateverItsCase()
    {
        var query = SearchQuery.Parse("election")!;
        var account = new AccountDocument("1", "someone", null, null, null, null, null);

        Assert.Equal([SearchField.Reason], query.MatchedIn(account, [new ReasonContent(Guid.Empty, 1, "block", "ELECTION posts", [])]));
        Assert.Null(query.MatchedIn(account, [new ReasonContent(Guid.Empty, 1, "block", "elect posts", [])]));
    }

    [Fact]
    public void RowTokens_AreTheWordsAndItsPrefixOneShorter_ForOneWordOnly()
    {
        using var keys = new UserKeyRing(Guid.NewGuid(), [DataKey.Generate(1)]);

        Assert.Equal([.. new[] { SearchTokens.Of(keys, "quokka"), SearchTokens.Of(keys, "quokk") }.Distinct().Order()], SearchQuery.Parse("Quokka")!.RowTokens(keys)!);
        Assert.Contains(SearchQuery.Parse("quokka")!.Tokens(keys).Single(), SearchQuery.Parse("quokka")!.RowTokens(keys)!);
        // Past 16 characters the index holds the first 16 and the 15 before them.
        Assert.Equal([.. new[] { SearchTokens.Of(keys, "internationaliza"), SearchTokens.Of(keys, "internationaliz") }.Distinct().Order()],
            SearchQuery.Parse("internationalization")!.RowTokens(keys)!);
        Assert.Null(SearchQuery.Parse("quo")!.RowTokens(keys)); // its shorter prefix would be in too many rows to help
        Assert.Null(SearchQuery.Parse("quokka giveaway")!.RowTokens(keys));
        Assert.Null(SearchQuery.Parse("\"every post\"")!.RowTokens(keys));
    }

    private static IReadOnlyList<SearchField>? MatchedBySplittingEveryField(SearchQuery query, AccountDocument account, IReadOnlyList<ReasonContent> reasons)
    {
        var fields = new List<(SearchField Field, List<string> Words)>
        {
            (SearchField.Handle, SearchWords.Split(account.Handle)),
            (SearchField.Name, SearchWords.Split(account.DisplayName)),
        };
        foreach (var reason in reasons)
        {
            fields.Add((SearchField.Reason, SearchWords.Split(reason.Text)));
            fields.AddRange(reason.Tags.Select(tag => (SearchField.Tag, SearchWords.Split(tag))));
        }

        var matched = new SortedSet<SearchField>();
        foreach (var term in query.Terms)
        {
            var holders = fields.Where(field => (!term.HandleOnly || field.Field == SearchField.Handle) && term.FoundIn(field.Words)).ToList();
            if (holders.Count == 0)
            {
                return null;
            }

            matched.UnionWith(holders.Select(field => field.Field));
        }

        return [.. matched];
    }

    private static bool Same(IReadOnlyList<SearchField>? expected, IReadOnlyList<SearchField>? actual) =>
        expected is null ? actual is null : actual is not null && expected.SequenceEqual(actual);

    private static string RandomQuery(Random random) => random.Next(4) switch
    {
        0 => $"\"{RandomText(random, 2)}\"",
        1 => "@" + RandomText(random, 1),
        _ => RandomText(random, 2),
    };

    private static string RandomText(Random random, int most) =>
        string.Concat(Enumerable.Range(0, random.Next(most + 1)).Select(_ => Pieces[random.Next(Pieces.Length)] + (random.Next(3) == 0 ? " " : "")));
}
