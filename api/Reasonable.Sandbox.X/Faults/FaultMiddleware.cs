using Microsoft.AspNetCore.WebUtilities;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.RateLimits;
using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Faults;

/// <summary>
/// Applies armed faults after routing (so a 429 names the route's own limit) but before anything else runs (no
/// signature check, no rate-limit count), as an overloaded or broken X would. Control endpoints are never faulted, so a test can always disarm.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next)
{
    /// <summary>Valid JSON cut off mid-object: what a client sees when a proxy truncates X's answer.</summary>
    public const string MalformedBody = "{\"data\":[{\"id\":\"1000000002\",\"name\":\"Bob";

    /// <summary>The limit a 429 names for a path no route claims (X's most common per-user limit, 15 a window).</summary>
    private const int DefaultLimit = 15;

    public async Task InvokeAsync(HttpContext http, FaultInjector faults, SandboxClock clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "/";
        var fault = path.StartsWith("/_sandbox", StringComparison.Ordinal) ? null : faults.Take(path);
        switch (fault?.Kind)
        {
            case null:
                await next(http);
                break;
            case FaultKind.Slow:
                await Task.Delay(fault.DelayMilliseconds, http.RequestAborted);
                await next(http);
                break;
            case FaultKind.ServerError:
                await XErrors.ServerError(fault.Status, ReasonPhrases.GetReasonPhrase(fault.Status)).ExecuteAsync(http);
                break;
            case FaultKind.RateLimit:
                var reset = (clock.GetUtcNow() + TimeSpan.FromSeconds(fault.ResetSeconds)).ToUnixTimeSeconds();
                var limit = http.GetEndpoint()?.Metadata.GetMetadata<UserContextRequirement>()?.Limit ?? DefaultLimit;
                new RateLimitWindow(false, limit, 0, reset).WriteHeaders(http.Response);
                await XErrors.TooManyRequests().ExecuteAsync(http);
                break;
            case FaultKind.Malformed:
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(MalformedBody, http.RequestAborted);
                break;
            case FaultKind.Empty:
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = 0;
                break;
            default:
                throw new InvalidOperationException($"Unknown fault kind {fault.Kind}.");
        }
    }
}
