using Microsoft.AspNetCore.WebUtilities;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.RateLimits;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Faults;

/// <summary>
/// Applies the instance's armed faults before anything else runs (no token check, no rate-limit count), as an
/// overloaded server or a broken proxy would. Control endpoints and /healthz are never faulted, so a test can always disarm.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next)
{
    /// <summary>Valid JSON cut off mid-array: what a client sees when a proxy truncates the answer.</summary>
    public const string MalformedBody = "[{\"id\":\"109000000000000002\",\"username\":\"bob\",\"acct\":\"bo";

    public async Task InvokeAsync(HttpContext http, SandboxClock clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "/";
        var exempt = path.StartsWith("/_sandbox", StringComparison.Ordinal) || path == "/healthz";
        var fault = exempt ? null : Instance.Of(http).Faults.Take(http.Request.Method, path);
        switch (fault?.Kind)
        {
            case null:
                await next(http);
                break;
            case FaultKind.Hang:
                await Task.Delay(fault.DelayMilliseconds, http.RequestAborted);
                await next(http);
                break;
            case FaultKind.ServerError:
                await MastodonErrors.Error(fault.Status, ReasonPhrases.GetReasonPhrase(fault.Status)).ExecuteAsync(http);
                break;
            case FaultKind.RateLimit:
                var reset = clock.GetUtcNow() + TimeSpan.FromSeconds(fault.ResetSeconds);
                new ThrottleState(Throttle.PerTokenApi, 300, 301, reset).WriteHeaders(http.Response);
                await MastodonErrors.TooManyRequests().ExecuteAsync(http);
                break;
            case FaultKind.Malformed:
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(MalformedBody, http.RequestAborted);
                break;
            default:
                throw new InvalidOperationException($"Unknown fault kind {fault.Kind}.");
        }
    }
}
