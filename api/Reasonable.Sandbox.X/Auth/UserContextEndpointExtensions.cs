namespace Reasonable.Sandbox.X.Auth;

public static class UserContextEndpointExtensions
{
    /// <summary>Requires an OAuth 1.0a user-context signature and applies X's per-user limit for this route.</summary>
    public static RouteHandlerBuilder WithUserContext(this RouteHandlerBuilder builder, string rateLimitKey, int limit) =>
        builder.WithMetadata(new UserContextRequirement(rateLimitKey, limit));
}
