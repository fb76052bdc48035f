using Reasonable.Api.Accounts;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Search;

/// <summary>
/// The search tokens of what an account or a reason says: a truncated keyed hash (the user's own search-token key)
/// of every prefix, up to 16 characters, of every word. An account's row holds its handle's and display name's; a
/// reason's row its text's and tags'. Truncated on purpose (see docs/security.md): each token value stands for many
/// prefixes, so a dump cannot tell which rows share a word, and every candidate is checked again after decryption.
/// </summary>
public static class SearchTokens
{
    /// <summary>
    /// 2^16 = 65,536 values (see docs/security.md for the choice). An account whose rows hold 1,000 distinct
    /// prefixes is a false candidate for a one-word search about one time in 65; the re-check after decryption
    /// drops it.
    /// </summary>
    public const int Bits = 16;

    public static int Of(UserKeyRing keys, string prefix) =>
        (keys ?? throw new ArgumentNullException(nameof(keys))).SearchToken(prefix, Bits);

    public static int[] ForAccount(UserKeyRing keys, AccountDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return For(keys, [document.Handle, document.DisplayName]);
    }

    public static int[] ForReason(UserKeyRing keys, ReasonContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return For(keys, [content.Text, .. content.Tags]);
    }

    private static int[] For(UserKeyRing keys, IEnumerable<string?> texts)
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in SearchWords.Split(text))
            {
                prefixes.UnionWith(SearchWords.Prefixes(word));
            }
        }

        return [.. prefixes.Select(prefix => Of(keys, prefix)).Distinct().Order()];
    }
}
