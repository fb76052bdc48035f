using System.Net;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.Faults;
using Reasonable.Sandbox.X.RateLimits;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// Test hooks under <c>/_sandbox</c>. They have no authentication: the sandbox binds to loopback, and these routes
/// additionally refuse any caller whose address is not loopback, in case someone binds it wider with --urls.
/// </summary>
public static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox").AddEndpointFilter(LoopbackOnly);
        control.MapPost("/reset", Reset).WithName("sandboxReset");
        control.MapPut("/rate-limits", SetRateLimits).WithName("sandboxSetRateLimits");
        control.MapPost("/rate-limits/reset", (RateLimitWindows windows) => { windows.Clear(); return Results.NoContent(); }).WithName("sandboxResetRateLimits");
        control.MapPost("/clock/advance", AdvanceClock).WithName("sandboxAdvanceClock");
        control.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Describe())).WithName("sandboxFaults");
        control.MapPost("/faults", ArmFault).WithName("sandboxArmFault");
        control.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); }).WithName("sandboxClearFaults");
        control.MapGet("/users", ListUsers).WithName("sandboxUsers");
        control.MapPost("/users/{id}/{relation}", AddRelation).WithName("sandboxAddRelation");
        control.MapDelete("/users/{id}/{relation}/{targetId}", RemoveRelation).WithName("sandboxRemoveRelation");
        control.MapPost("/users/{id}/revoke-tokens", (string id, TokenStore tokens) => Results.Json(new { revoked = tokens.RevokeAll(id) })).WithName("sandboxRevokeTokens");
        control.MapGet("/users/{id}/lists", (string id, SandboxState state) => Results.Json(new { data = state.ListsOwnedBy(id) })).WithName("sandboxUserLists");
        control.MapPatch("/lists/{id}", EditList).WithName("sandboxEditList");
        control.MapDelete("/lists/{id}", (string id, SandboxState state) => state.DeleteList(id) ? Results.NoContent() : Results.NotFound()).WithName("sandboxDeleteList");
        return app;
    }

    private static async ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote)
            ? await next(context)
            : Results.Problem("Sandbox control endpoints answer loopback callers only.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult Reset(SandboxState state, TokenStore tokens, NonceStore nonces, RateLimitWindows windows, FaultInjector faults, SandboxClock clock)
    {
        state.Reset();
        tokens.Reset();
        nonces.Reset();
        windows.Reset();
        faults.Clear();
        clock.Reset();
        return Results.NoContent();
    }

    private static IResult SetRateLimits(RateLimitsRequest request, RateLimitWindows windows)
    {
        windows.Enabled = request.Enabled;
        return Results.Json(new { enabled = windows.Enabled });
    }

    private static IResult AdvanceClock(ClockAdvanceRequest request, SandboxClock clock)
    {
        if (request.Seconds < 0)
        {
            return Results.Problem("The clock only moves forward.", statusCode: StatusCodes.Status400BadRequest);
        }

        clock.Advance(TimeSpan.FromSeconds(request.Seconds));
        return Results.Json(new { now = clock.GetUtcNow() });
    }

    private static IResult ArmFault(FaultRequest request, FaultInjector faults)
    {
        if (string.IsNullOrEmpty(request.PathPrefix) || !request.PathPrefix.StartsWith('/'))
        {
            return Results.Problem("path_prefix must start with '/'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var status = request.Status ?? (request.Kind == FaultKind.RateLimit ? 429 : 503);
        if (request.Kind == FaultKind.ServerError && status is < 500 or > 599)
        {
            return Results.Problem("status must be 5xx for server_error.", statusCode: StatusCodes.Status400BadRequest);
        }

        faults.Arm(new Fault(request.PathPrefix, request.Kind, Math.Max(1, request.Count ?? 1), status, request.DelayMs ?? 1000, request.ResetSeconds ?? 900));
        return Results.Json(faults.Describe(), statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListUsers(SandboxState state) =>
        Results.Json(SeedData.NamedUsers.Select(u => new
        {
            u.Id,
            u.Username,
            u.Name,
            Blocking = state.RelationCount(u.Id, RelationKind.Blocking),
            Muting = state.RelationCount(u.Id, RelationKind.Muting),
            Following = state.RelationCount(u.Id, RelationKind.Following),
        }));

    private static IResult AddRelation(string id, string relation, RelationRequest request, SandboxState state)
    {
        if (Resolve(id, relation, request.TargetUserId) is { } problem)
        {
            return problem;
        }

        var added = state.AddRelation(id, Enum.Parse<RelationKind>(relation, ignoreCase: true), request.TargetUserId);
        return Results.Json(new { added }, statusCode: added ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult RemoveRelation(string id, string relation, string targetId, SandboxState state)
    {
        if (Resolve(id, relation, targetId) is { } problem)
        {
            return problem;
        }

        var removed = state.RemoveRelation(id, Enum.Parse<RelationKind>(relation, ignoreCase: true), targetId);
        return Results.Json(new { removed });
    }

    private static IResult? Resolve(string id, string relation, string? targetId)
    {
        if (relation is not ("blocking" or "muting" or "following"))
        {
            return Results.Problem("relation must be blocking, muting or following.", statusCode: StatusCodes.Status404NotFound);
        }

        if (SeedData.Find(id) is null || targetId is null || SeedData.Find(targetId) is null)
        {
            return Results.Problem("Unknown user or target user.", statusCode: StatusCodes.Status404NotFound);
        }

        return null;
    }

    /// <summary>Edits a list as its owner would on x.com: no length checks, so tests can create states the API refuses.</summary>
    private static IResult EditList(string id, ListEditRequest request, SandboxState state) =>
        state.UpdateList(id, request.Name, request.Description, request.Private) is { } list
            ? Results.Json(new { data = list })
            : Results.NotFound();
}

public sealed record RateLimitsRequest(bool Enabled);

public sealed record ClockAdvanceRequest(int Seconds);

/// <summary>Arms a fault for the next <c>count</c> requests whose path starts with <c>path_prefix</c>.</summary>
public sealed record FaultRequest(string PathPrefix, FaultKind Kind, int? Count, int? Status, int? DelayMs, int? ResetSeconds);

public sealed record RelationRequest(string TargetUserId);

public sealed record ListEditRequest(string? Name, string? Description, bool? Private);
