using Reasonable.Api.Providers;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Everything about one account the user acted on, as stored in accounts.data_ciphertext (one JSON document under
/// the user's data key). Relations are null until the account is first seen with them. <see cref="Handle"/> is how
/// the provider addresses the account (<c>name@instance</c> on networks with instances); <see cref="ProfileUrl"/> is
/// its page there; <see cref="MovedTo"/> the handle of the account it moved to. Documents written before these two
/// existed lack them. <see cref="MuteEndReviewed"/> is the end of a timed mute the user already looked at in Review
/// (kept here, encrypted, because a column would tell a dump which accounts are muted for a while).
/// </summary>
public sealed record AccountDocument(
    string ProviderAccountId,
    string Handle,
    string? DisplayName,
    string? AvatarUrl,
    RelationState? Blocked,
    RelationState? Muted,
    RelationState? Following,
    string? ProfileUrl = null,
    string? MovedTo = null,
    DateTimeOffset? MuteEndReviewed = null)
{
    public RelationState? Get(Relation relation) => relation switch
    {
        Relation.Blocked => Blocked,
        Relation.Muted => Muted,
        _ => Following,
    };

    public AccountDocument With(Relation relation, RelationState? state) => relation switch
    {
        Relation.Blocked => this with { Blocked = state },
        Relation.Muted => this with { Muted = state },
        _ => this with { Following = state },
    };

    /// <summary>The relations active now; each gets a blind index so lists can be filtered by relation.</summary>
    public IEnumerable<Relation> ActiveRelations() =>
        Enum.GetValues<Relation>().Where(relation => Get(relation)?.Active == true);
}
