namespace Reasonable.Api.Accounts;

/// <summary>
/// Everything about one account the user acted on, as stored in accounts.data_ciphertext (one JSON document under
/// the user's data key). Relations are null until the account is first seen with them.
/// </summary>
public sealed record AccountDocument(
    string ProviderAccountId,
    string Handle,
    string? DisplayName,
    string? AvatarUrl,
    RelationState? Blocked,
    RelationState? Muted,
    RelationState? Following)
{
    public RelationState? Get(AccountRelation relation) => relation switch
    {
        AccountRelation.Blocked => Blocked,
        AccountRelation.Muted => Muted,
        _ => Following,
    };

    public AccountDocument With(AccountRelation relation, RelationState? state) => relation switch
    {
        AccountRelation.Blocked => this with { Blocked = state },
        AccountRelation.Muted => this with { Muted = state },
        _ => this with { Following = state },
    };

    /// <summary>The relations active now; each gets a blind index so lists can be filtered by relation.</summary>
    public IEnumerable<AccountRelation> ActiveRelations() =>
        Enum.GetValues<AccountRelation>().Where(relation => Get(relation)?.Active == true);
}
