using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Auth;

/// <summary>
/// Runs between routing and the endpoint for routes carrying <see cref="ApiAccess"/>, in Mastodon's order: an unknown
/// or revoked token → 401, a token without any accepted scope → 403, an app-only token where a user is needed → 422.
/// </summary>
public sealed class ApiAuthMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, Federation federation)
    {
        ArgumentNullException.ThrowIfNull(http);
        var access = http.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>();
        if (access is null)
        {
            await next(http);
            return;
        }

        var sent = BearerToken.Read(http.Request);
        if (sent is null && access.TokenOptional)
        {
            new Caller(null, null).Attach(http);
            await next(http);
            return;
        }

        var token = Instance.Of(http).OAuth.FindLiveToken(sent);
        var refusal = token switch
        {
            null => MastodonErrors.InvalidToken(),
            _ when access.Scopes.Count > 0 && !access.Scopes.Any(token.Scopes.Contains) => MastodonErrors.OutsideScopes(),
            { UserId: null } when access.RequiresUser => MastodonErrors.UserRequired(),
            _ => null,
        };
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        new Caller(token, federation.FindAccount(token!.UserId)).Attach(http);
        await next(http);
    }
}
