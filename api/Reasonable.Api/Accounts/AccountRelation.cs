namespace Reasonable.Api.Accounts;

/// <summary>What the user does to an account: the list filter values and the keys of each account's relations.</summary>
public enum AccountRelation
{
    Blocked,
    Muted,
    Following,
}
