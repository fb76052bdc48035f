namespace Reasonable.Api.Data;

/// <summary>
/// A free-text search's candidates: the accounts whose rows hold every token of the query, and for each the reasons
/// whose own rows hold any of them (only those can match a term, so only those need opening to decide).
/// </summary>
public sealed record SearchCandidates(Guid[] AccountIds, IReadOnlyDictionary<Guid, List<Guid>> ReasonsByAccount);
