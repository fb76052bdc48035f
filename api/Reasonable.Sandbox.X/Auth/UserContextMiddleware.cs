using Reasonable.Sandbox.X.RateLimits;
using Reasonable.Sandbox.X.Responses;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// Runs between routing and the endpoint for routes carrying <see cref="UserContextRequirement"/>: verifies the
/// signature and token, then applies the rate-limit window and writes X's <c>x-rate-limit-*</c> headers.
/// </summary>
public sealed class UserContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, OAuthGate gate, RateLimitWindows windows)
    {
        ArgumentNullException.ThrowIfNull(http);
        var requirement = http.GetEndpoint()?.Metadata.GetMetadata<UserContextRequirement>();
        if (requirement is null)
        {
            await next(http);
            return;
        }

        var verified = await gate.VerifyAsync(http, OAuthStep.UserContext);
        if (verified.Failure is not null)
        {
            await verified.Failure.ExecuteAsync(http);
            return;
        }

        var token = verified.AccessToken!;
        var user = SeedData.Find(token.UserId)
            ?? throw new InvalidOperationException($"Access token for unknown user {token.UserId}.");
        new Caller(user, token).Attach(http);

        var window = windows.Hit(user.Id, requirement.RateLimitKey, requirement.Limit);
        window.WriteHeaders(http.Response);
        if (!window.Allowed)
        {
            var exhausted = http.Request.Path.StartsWithSegments("/2", StringComparison.Ordinal)
                ? XErrors.TooManyRequests()
                : XErrors.V1(StatusCodes.Status429TooManyRequests, 88, "Rate limit exceeded");
            await exhausted.ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}
