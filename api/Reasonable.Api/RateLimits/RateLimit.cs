namespace Reasonable.Api.RateLimits;

/// <summary>
/// One limit: at most <paramref name="Limit"/> requests per <paramref name="Window"/>, counted per user or per
/// address; when it is used up, a 429 problem with <paramref name="Title"/> and the detail for the wait left.
/// </summary>
public sealed record RateLimit(LimitedAction Action, int Limit, TimeSpan Window, bool PerAddress, string Title, Func<TimeSpan, string> Detail);
