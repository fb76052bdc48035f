namespace Reasonable.Api.Data;

/// <summary>A free-text search's candidates: the accounts whose rows hold every token of the query (possibly in different rows).</summary>
public sealed record SearchCandidates(Guid[] AccountIds);
