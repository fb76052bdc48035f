using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Every blind index the API stores, with its truncation, in one place (sized by the blind-index planner's rule of thumb, see docs/security.md). Indexes are
/// per user (keyed from their first data key), so the database cannot tell that two users acted on the same account.
/// Truncated indexes have false positives: callers always check the decrypted value too.
/// </summary>
public static class BlindIndexes
{
    /// <summary>Full 128 bits: accounts are unique per user (sync finds them by it), so truncating would only add collisions.</summary>
    public const int ProviderAccountIdBits = 128;

    /// <summary>Three possible values: the index can only hide which group is which, never that groups exist.</summary>
    public const int RelationBits = 8;

    /// <summary>12 bits for up to ~10,000 tagged reasons per user (the planner's 7–13): values never unique, lookups stay narrow.</summary>
    public const int TagBits = 12;

    public static byte[] ProviderAccountId(UserKeyRing keys, string providerAccountId) =>
        Keys(keys).BlindIndex("accounts", "provider_account_id", providerAccountId, ProviderAccountIdBits);

    /// <summary>Over the enum member's name (<c>Blocked</c>, …), as since migration 0003: renaming a member would orphan every index.</summary>
    public static byte[] Relation(UserKeyRing keys, Relation relation) =>
        Keys(keys).BlindIndex("accounts", "relation", relation.ToString(), RelationBits);

    /// <summary>Tags match case-insensitively, so the index is over the lower-cased tag.</summary>
    public static byte[] Tag(UserKeyRing keys, string tag) =>
        Keys(keys).BlindIndex("reasons", "tag", Tags.Normalize(tag), TagBits);

    private static UserKeyRing Keys(UserKeyRing keys) => keys ?? throw new ArgumentNullException(nameof(keys));
}
