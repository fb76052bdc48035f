using Reasonable.Api.Data;
using Reasonable.Api.Reasons;
using Reasonable.Api.Search;

namespace Reasonable.Api.Accounts;

/// <summary>
/// An account opened for one request, with how many reasons it has and the newest (or all, newest first), and where
/// a free-text search matched it (null without one).
/// </summary>
public sealed record AccountView(AccountRow Row, AccountDocument Document, int ReasonCount, IReadOnlyList<ReasonView> Reasons, IReadOnlyList<SearchField>? MatchedIn = null);
