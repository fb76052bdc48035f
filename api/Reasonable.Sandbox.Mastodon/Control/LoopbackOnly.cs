using System.Net;

namespace Reasonable.Sandbox.Mastodon.Control;

/// <summary>
/// The control endpoints' only guard: the sandbox binds to loopback, and these routes also refuse any caller whose
/// address is not loopback, should anyone bind it wider.
/// </summary>
public static class LoopbackOnly
{
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(new { error = "Control endpoints answer loopback callers only" }, statusCode: StatusCodes.Status403Forbidden));
    }
}
