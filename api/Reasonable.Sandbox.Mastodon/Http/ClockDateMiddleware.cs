using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.Http;

/// <summary>
/// Writes every answer's <c>Date</c> from the sandbox clock, as a real server's Date and its rate-limit resets come
/// from one clock: a test that moves the clock on sees an instance whose clock is ahead of the client's.
/// </summary>
public sealed class ClockDateMiddleware(RequestDelegate next, SandboxClock clock)
{
    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.Date = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(http);
    }
}
