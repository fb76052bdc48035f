namespace Reasonable.Api.Accounts;

/// <summary>One page of the accounts list. <see cref="Unreadable"/> counts rows skipped because they failed their integrity check.</summary>
public sealed record AccountPageResult(IReadOnlyList<AccountView> Items, string? NextCursor, int Unreadable);
