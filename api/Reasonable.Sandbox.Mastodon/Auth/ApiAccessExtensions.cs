namespace Reasonable.Sandbox.Mastodon.Auth;

public static class ApiAccessExtensions
{
    /// <summary>Declares the token this route needs; <see cref="ApiAuthMiddleware"/> enforces it before the handler runs.</summary>
    public static RouteHandlerBuilder WithAccess(this RouteHandlerBuilder builder, ApiAccess access) => builder.WithMetadata(access);
}
