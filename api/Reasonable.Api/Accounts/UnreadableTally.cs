namespace Reasonable.Api.Accounts;

/// <summary>How many stored rows a long read skipped because they failed their integrity check.</summary>
public sealed class UnreadableTally
{
    public int Count { get; set; }
}
