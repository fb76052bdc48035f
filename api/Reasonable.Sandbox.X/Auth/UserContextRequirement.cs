namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// Endpoint metadata: the route needs an OAuth 1.0a user-context signature and counts against the per-user window
/// <paramref name="RateLimitKey"/> of <paramref name="Limit"/> requests per 15 minutes (X's documented windows).
/// </summary>
public sealed record UserContextRequirement(string RateLimitKey, int Limit);
