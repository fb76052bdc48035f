using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Faults;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.RateLimits;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Control;

/// <summary>
/// Test hooks under <c>/_sandbox</c>, no authentication (loopback only). Each acts on the instance whose port it is
/// called on, except reset (every instance) and the clock (shared). The per-user hooks are in <see cref="ControlUserEndpoints"/>.
/// </summary>
public static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox").AddEndpointFilter(LoopbackOnly.Filter);
        control.MapPost("/reset", (Federation federation) => { federation.Reset(); return Results.NoContent(); }).WithName("sandboxReset");
        control.MapGet("/state", DescribeState).WithName("sandboxState");
        control.MapGet("/apps", (Instance instance) => Results.Json(instance.OAuth.Apps().Select(a => new { a.Id, a.Name, a.ClientId, a.ClientSecret, a.Scopes, a.RedirectUris, a.Website }))).WithName("sandboxApps");
        control.MapGet("/tokens", (Instance instance) => Results.Json(instance.OAuth.Tokens().Select(t => new { t.Token, t.ClientId, t.UserId, t.Scopes, CreatedAt = Timestamps.Format(t.CreatedAt), t.Revoked }))).WithName("sandboxTokens");
        control.MapGet("/modes", (Instance instance) => Modes(instance)).WithName("sandboxModes");
        control.MapPut("/modes", SetModes).WithName("sandboxSetModes");
        control.MapGet("/rate-limits", (Instance instance) => Results.Json(instance.RateLimits.Settings)).WithName("sandboxRateLimits");
        control.MapMethods("/rate-limits", [HttpMethods.Put, HttpMethods.Post], SetRateLimits).WithName("sandboxSetRateLimits");
        control.MapPost("/rate-limits/reset", (Instance instance) => { instance.RateLimits.Clear(); return Results.NoContent(); }).WithName("sandboxClearRateLimits");
        control.MapPost("/clock/advance", AdvanceClock).WithName("sandboxAdvanceClock");
        control.MapGet("/faults", (Instance instance) => Results.Json(instance.Faults.Describe())).WithName("sandboxFaults");
        control.MapPost("/faults", ArmFault).WithName("sandboxArmFault");
        control.MapDelete("/faults", (Instance instance) => { instance.Faults.Clear(); return Results.NoContent(); }).WithName("sandboxClearFaults");
        control.MapControlUserEndpoints();
        return app;
    }

    /// <summary>The instance at a glance: switches, registered apps, tokens, and each seeded user's counts.</summary>
    private static IResult DescribeState(Instance instance, SandboxClock clock)
    {
        var (apps, live, revoked) = instance.OAuth.Counts();
        var now = clock.GetUtcNow();
        var users = SeedAccounts.Named(instance.Index).Select(u => new
        {
            u.Id,
            u.Username,
            u.DisplayName,
            Blocks = instance.State.Count(u.Id, RelationKind.Block, now),
            Mutes = instance.State.Count(u.Id, RelationKind.Mute, now),
            Follows = instance.State.Count(u.Id, RelationKind.Follow, now),
            Lists = instance.State.ListsOf(u.Id).Count,
            Notes = instance.State.NotesBy(u.Id).Count,
        });
        return Results.Json(new
        {
            instance.Domain,
            instance.BaseUrl,
            instance.Modes.Version,
            Clock = Timestamps.Format(now),
            Apps = apps,
            Tokens = new { Live = live, Revoked = revoked },
            Users = users,
        });
    }

    private static IResult Modes(Instance instance) =>
        Results.Json(new { pre_4_3 = instance.Modes.PreFourThree, list_title_limit = instance.Modes.ListTitleLimit, version = instance.Modes.Version });

    private static IResult SetModes(ModesRequest request, Instance instance)
    {
        instance.Modes.PreFourThree = request.Pre43 ?? instance.Modes.PreFourThree;
        instance.Modes.ListTitleLimit = request.ListTitleLimit ?? instance.Modes.ListTitleLimit;
        return Modes(instance);
    }

    private static IResult SetRateLimits(RateLimitsRequest request, Instance instance)
    {
        var current = instance.RateLimits.Settings;
        if (new[] { request.PerToken, request.PerUser, request.Paging, request.Unauthenticated, request.AppRegistrations }.Any(l => l is < 0))
        {
            return Results.Json(new { error = "Limits must not be negative" }, statusCode: StatusCodes.Status400BadRequest);
        }

        instance.RateLimits.Settings = new RateLimitSettings(
            request.Enabled ?? current.Enabled,
            request.PerToken ?? current.PerToken,
            request.PerUser ?? current.PerUser,
            request.Paging ?? current.Paging,
            request.Unauthenticated ?? current.Unauthenticated,
            request.AppRegistrations ?? current.AppRegistrations);
        return Results.Json(instance.RateLimits.Settings);
    }

    private static IResult AdvanceClock(ClockAdvanceRequest request, SandboxClock clock)
    {
        if (request.Seconds < 0)
        {
            return Results.Json(new { error = "The clock only moves forward" }, statusCode: StatusCodes.Status400BadRequest);
        }

        clock.Advance(TimeSpan.FromSeconds(request.Seconds));
        return Results.Json(new { now = Timestamps.Format(clock.GetUtcNow()), offset_seconds = (long)clock.Offset.TotalSeconds });
    }

    private static IResult ArmFault(FaultRequest request, Instance instance)
    {
        if (string.IsNullOrEmpty(request.PathPrefix) || !request.PathPrefix.StartsWith('/'))
        {
            return Results.Json(new { error = "path_prefix must start with '/'" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var status = request.Status ?? (request.Kind == FaultKind.RateLimit ? 429 : 503);
        if (request.Kind == FaultKind.ServerError && status is < 500 or > 599)
        {
            return Results.Json(new { error = "status must be 5xx for server_error" }, statusCode: StatusCodes.Status400BadRequest);
        }

        instance.Faults.Arm(new Fault(request.PathPrefix, request.Method, request.Kind, Math.Max(1, request.Count ?? 1), status, request.DelayMs ?? 120_000, request.ResetSeconds ?? 300));
        return Results.Json(instance.Faults.Describe(), statusCode: StatusCodes.Status201Created);
    }
}

/// <summary><c>pre_4_3</c>: behave as Mastodon 4.2; <c>list_title_limit</c>: enforce the 256-character title limit.</summary>
public sealed record ModesRequest([property: System.Text.Json.Serialization.JsonPropertyName("pre_4_3")] bool? Pre43, bool? ListTitleLimit);

public sealed record RateLimitsRequest(bool? Enabled, int? PerToken, int? PerUser, int? Paging, int? Unauthenticated, int? AppRegistrations);

public sealed record ClockAdvanceRequest(int Seconds);

/// <summary>Arms a fault for the next <c>count</c> requests whose path matches <c>path_prefix</c> (and <c>method</c>, if given).</summary>
public sealed record FaultRequest(string PathPrefix, FaultKind Kind, string? Method, int? Count, int? Status, int? DelayMs, int? ResetSeconds);
