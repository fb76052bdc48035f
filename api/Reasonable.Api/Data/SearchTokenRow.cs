namespace Reasonable.Api.Data;

/// <summary>
/// A search_tokens row: the search tokens of one account (<see cref="ReasonId"/> null: its handle and name) or one
/// reason (its text and tags). <see cref="SourceId"/> is that account's or reason's id.
/// </summary>
public sealed record SearchTokenRow(Guid SourceId, Guid UserId, Guid AccountId, Guid? ReasonId, int[] Tokens)
{
    public static SearchTokenRow Of(AccountRow account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.Id, account.UserId, account.Id, null, account.SearchTokens ?? throw MissingTokens());
    }

    public static SearchTokenRow Of(ReasonRow reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(reason.Id, reason.UserId, reason.AccountId, reason.Id, reason.SearchTokens ?? throw MissingTokens());
    }

    private static InvalidOperationException MissingTokens() =>
        new("A row written to the database must be sealed with its search tokens (AccountCipher.Seal, ReasonCipher.Seal).");
}
