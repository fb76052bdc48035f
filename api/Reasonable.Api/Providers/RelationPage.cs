namespace Reasonable.Api.Providers;

/// <summary>One page of a relation listing. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record RelationPage(IReadOnlyList<ProviderProfile> Accounts, string? NextCursor, RateLimitStatus? RateLimit);
