namespace Reasonable.Api.Data;

/// <summary>An accounts row as the list reads it: with its number of reasons and its newest reason (null when it has none).</summary>
public sealed record ListedAccountRow(AccountRow Account, int ReasonCount, ReasonRow? LatestReason);
