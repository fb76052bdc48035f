using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.RateLimits;

/// <summary>
/// Mastodon's rack-attack throttles for <c>/api</c>: counts the request against every throttle that applies, answers
/// 429 when one is over its limit, and writes <c>X-RateLimit-*</c> for the throttle closest to exhaustion.
/// A request without a user (no token, an unknown one, or an app-only one) is throttled by IP, as rack-attack does.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next)
{
    private static readonly string[] PagingParameters = ["max_id", "min_id", "since_id", "page"];

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        var instance = Instance.Of(http);
        var states = instance.RateLimits.Hit(Applicable(http, instance));
        var exceeded = states.FirstOrDefault(s => s.Exceeded);
        if (exceeded.Exceeded)
        {
            exceeded.WriteHeaders(http.Response);
            await MastodonErrors.TooManyRequests().ExecuteAsync(http);
            return;
        }

        states.OrderBy(s => s.Remaining).First().WriteHeaders(http.Response);
        await next(http);
    }

    private static List<(Throttle, string)> Applicable(HttpContext http, Instance instance)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var token = instance.OAuth.FindLiveToken(BearerToken.Read(http.Request));
        var paging = PagingParameters.Any(p => !string.IsNullOrEmpty(http.Request.Query[p]));
        var applicable = new List<(Throttle, string)>();
        if (token?.UserId is { } user)
        {
            applicable.Add((Throttle.AuthenticatedApi, user));
        }

        if (token is not null)
        {
            applicable.Add((Throttle.PerTokenApi, token.Token));
        }

        if (token?.UserId is null)
        {
            applicable.Add((Throttle.UnauthenticatedApi, ip));
        }

        if (paging)
        {
            applicable.Add(token?.UserId is { } pager ? (Throttle.AuthenticatedPaging, pager) : (Throttle.UnauthenticatedPaging, ip));
        }

        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/api/v1/apps", StringComparison.Ordinal))
        {
            applicable.Add((Throttle.AppRegistrations, ip));
        }

        return applicable;
    }
}
