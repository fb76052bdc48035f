using System.Text;
using Reasonable.Api.Accounts;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Search;

/// <summary>
/// A free-text search as people type it: words (each the start of a word, all of them somewhere in the account:
/// handle, display name, reason texts, tags), <c>"quoted phrases"</c> (whole words in a row), <c>@handle</c> and
/// <c>handle@server</c> (the start of the handle). Case and accents are ignored. <see cref="Tokens"/> narrows the
/// database's candidates; <see cref="MatchedIn"/> decides exactly, after decryption.
/// </summary>
public sealed class SearchQuery
{
    private SearchQuery(IReadOnlyList<SearchTerm> terms) => Terms = terms;

    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>The query's terms, or null when it holds no word at all (only spaces, quotes or punctuation).</summary>
    public static SearchQuery? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<SearchTerm>();
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart();
            if (rest.IsEmpty)
            {
                break;
            }

            if (rest[0] == '"')
            {
                var end = rest[1..].IndexOf('"');
                var phrase = end < 0 ? rest[1..] : rest[1..(end + 1)];
                rest = end < 0 ? [] : rest[(end + 2)..];
                Add(terms, SearchWords.Split(phrase.ToString()), lastIsPrefix: false, handleOnly: false);
                continue;
            }

            var length = 0;
            while (length < rest.Length && !char.IsWhiteSpace(rest[length]) && rest[length] != '"')
            {
                length++;
            }

            var bare = rest[..length].ToString();
            rest = rest[length..];
            Add(terms, SearchWords.Split(bare), lastIsPrefix: true, handleOnly: bare.Contains('@', StringComparison.Ordinal));
        }

        return terms.Count == 0 ? null : new SearchQuery(terms);
    }

    /// <summary>
    /// The search tokens every matching account holds (among its account and reason rows): one per word, of the word
    /// as a prefix. Distinct, since several words can share a truncated token.
    /// </summary>
    public int[] Tokens(UserKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. Terms.SelectMany(term => term.Words).Select(word => SearchTokens.Of(keys, SearchWords.IndexedPrefix(word))).Distinct().Order()];
    }

    /// <summary>
    /// For a query of one word of 4 characters or more, the tokens every row holding it holds: the word's (as in
    /// <see cref="Tokens"/>) and its prefix's one character shorter. Rows holding both tell the word apart from another
    /// whose 16-bit token is the same number (about one word in twenty, for a user whose notes hold a few thousand
    /// distinct prefixes), which one token cannot: such a word would otherwise look common and walk the whole list.
    /// Null for other queries.
    /// </summary>
    public int[]? RowTokens(UserKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (Terms is not [{ Words: [var word] }])
        {
            return null;
        }

        var prefixes = SearchWords.Prefixes(word).ToList();
        return prefixes.Count < 4 ? null : [.. new[] { SearchTokens.Of(keys, prefixes[^1]), SearchTokens.Of(keys, prefixes[^2]) }.Distinct().Order()];
    }

    /// <summary>Where the account matches, or null when some term is found nowhere in it.</summary>
    public IReadOnlyList<SearchField>? MatchedIn(AccountDocument account, IReadOnlyList<ReasonContent> reasons)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(reasons);
        var fields = new List<FieldText>
        {
            new(SearchField.Handle, account.Handle),
            new(SearchField.Name, account.DisplayName),
        };
        foreach (var reason in reasons)
        {
            fields.Add(new(SearchField.Reason, reason.Text));
            fields.AddRange(reason.Tags.Select(tag => new FieldText(SearchField.Tag, tag)));
        }

        var matched = new SortedSet<SearchField>();
        foreach (var term in Terms)
        {
            var found = false;
            foreach (var field in fields)
            {
                if ((!term.HandleOnly || field.Field == SearchField.Handle) && field.MayHold(term) && term.FoundIn(field.Words))
                {
                    matched.Add(field.Field);
                    found = true;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return [.. matched];
    }

    private static void Add(List<SearchTerm> terms, List<string> words, bool lastIsPrefix, bool handleOnly)
    {
        if (words.Count > 0)
        {
            terms.Add(new SearchTerm(words, lastIsPrefix, handleOnly));
        }
    }

    /// <summary>
    /// One field's text, split into words only when a term may be in it: most reasons opened for a search hold none of
    /// its words, and splitting each of them cost more than the rest of the match.
    /// </summary>
    private sealed class FieldText(SearchField field, string? text)
    {
        private readonly string text = text ?? "";
        private readonly bool ascii = Ascii.IsValid(text ?? "");
        private string? folded;
        private List<string>? words;

        public SearchField Field { get; } = field;

        public List<string> Words => words ??= SearchWords.Split(text);

        /// <summary>
        /// False only when some word of the term is nowhere in the folded text. The split's words are runs of the folded
        /// text, so such a term cannot be among them; true can still be a miss, which <see cref="SearchTerm.FoundIn"/> decides.
        /// </summary>
        public bool MayHold(SearchTerm term)
        {
            foreach (var word in term.Words)
            {
                // ASCII folds to its lower case, so comparing it in place ignoring case is the same test without a copy.
                var present = ascii
                    ? text.Contains(word, StringComparison.OrdinalIgnoreCase)
                    : (folded ??= SearchText.Fold(text)).Contains(word, StringComparison.Ordinal);
                if (!present)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
