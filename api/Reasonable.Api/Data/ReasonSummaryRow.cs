namespace Reasonable.Api.Data;

/// <summary>A reasons row with how many reasons its account has (the list shows the latest and the count).</summary>
public sealed record ReasonSummaryRow
{
    public required ReasonRow Reason { get; init; }

    public required int ReasonCount { get; init; }
}
