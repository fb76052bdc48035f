namespace Reasonable.Api.Auth;

/// <summary>A bearer token and when it stops working.</summary>
public sealed record IssuedToken(Guid SessionId, string Token, DateTimeOffset ExpiresAt);
