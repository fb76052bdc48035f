namespace Reasonable.Api.Providers;

/// <summary>The provider's rate-limit window for the route just called (X: the x-rate-limit-* headers).</summary>
public sealed record RateLimitStatus(int Limit, int Remaining, DateTimeOffset ResetsAt);
