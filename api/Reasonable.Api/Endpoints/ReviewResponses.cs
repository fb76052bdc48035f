namespace Reasonable.Api.Endpoints;

/// <summary>
/// One thing due for review. <c>kind</c>: <c>account</c> (a review date on the account), <c>reason</c> (on the reason
/// <c>reasonId</c>) or <c>mute-ends</c> (a timed mute ending at <c>muteEndsAt</c>). <c>dueOn</c> is the day it became
/// due; <c>reasons</c> is the account's timeline, by when it happened, newest first.
/// </summary>
public sealed record ReviewItemResponse(string Kind, DateOnly DueOn, AccountResponse Account, Guid? ReasonId, DateTimeOffset? MuteEndsAt, IReadOnlyList<ReasonResponse> Reasons)
{
    public const string AccountKind = "account";
    public const string ReasonKind = "reason";
    public const string MuteEndsKind = "mute-ends";
}

/// <summary>What is due, oldest first (at most <c>limit</c>); <c>due</c> counts everything due; <c>unreadable</c> counts rows left out because they failed their integrity check.</summary>
public sealed record ReviewPageResponse(IReadOnlyList<ReviewItemResponse> Items, int Due, int Unreadable);

/// <summary>The day to look at this again (YYYY-MM-DD, today to 10 years ahead), or null to clear it.</summary>
public sealed record ReviewDateRequest(DateOnly? ReviewOn);

/// <summary>The review date now set, or null when cleared.</summary>
public sealed record ReviewDateResponse(DateOnly? ReviewOn);

/// <summary>An account's own review date (or null) and those on its reasons.</summary>
public sealed record AccountReviewResponse(DateOnly? ReviewOn, IReadOnlyList<ReasonReviewResponse> Reasons);

/// <summary>A review date on one reason.</summary>
public sealed record ReasonReviewResponse(Guid ReasonId, DateOnly ReviewOn);
