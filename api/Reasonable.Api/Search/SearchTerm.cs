namespace Reasonable.Api.Search;

/// <summary>
/// One part of a search, as folded words that must follow each other in one field. A bare word (or words joined by
/// punctuation, such as <c>reply-guy</c>) may end in the prefix of a word; a quoted phrase matches whole words; a
/// handle term (<c>@name</c>, <c>name@server</c>) matches only handles, from their start.
/// </summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool LastIsPrefix, bool HandleOnly)
{
    /// <summary>True when <paramref name="field"/>'s words hold this term's words in a row.</summary>
    public bool FoundIn(IReadOnlyList<string> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var last = HandleOnly ? Math.Min(0, field.Count - Words.Count) : field.Count - Words.Count;
        for (var start = 0; start <= last; start++)
        {
            if (FoundAt(field, start))
            {
                return true;
            }
        }

        return false;
    }

    private bool FoundAt(IReadOnlyList<string> field, int start)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            var word = field[start + i];
            var wanted = Words[i];
            var matches = i == Words.Count - 1 && LastIsPrefix
                ? word.StartsWith(wanted, StringComparison.Ordinal)
                : word.Equals(wanted, StringComparison.Ordinal);
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
