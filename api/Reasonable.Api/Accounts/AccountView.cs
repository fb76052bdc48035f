using Reasonable.Api.Data;
using Reasonable.Api.Reasons;

namespace Reasonable.Api.Accounts;

/// <summary>An account opened for one request, with how many reasons it has and the newest (or all, newest first).</summary>
public sealed record AccountView(AccountRow Row, AccountDocument Document, int ReasonCount, IReadOnlyList<ReasonView> Reasons);
