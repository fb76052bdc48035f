using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.Responses;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// The three account lists Reasonable reads, paged as Mastodon pages them: by relation row id, newest first, with a
/// Link header. Suspended accounts and expired mutes are left out before the limit applies.
/// </summary>
public static class RelationsEndpoints
{
    public static IEndpointRouteBuilder MapRelationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/blocks", GetBlocks).WithName("getBlocks").WithAccess(ApiAccess.User("follow", "read", "read:blocks"));
        app.MapGet("/api/v1/mutes", GetMutes).WithName("getMutes").WithAccess(ApiAccess.User("follow", "read", "read:mutes"));
        app.MapGet("/api/v1/accounts/{id}/following", GetFollowing).WithName("getAccountFollowing").WithAccess(ApiAccess.IfGotToken("read", "read:accounts"));
        return app;
    }

    private static IResult GetBlocks(HttpContext http, Caller caller, Instance instance, Federation federation, AccountView view, SandboxClock clock)
    {
        var rows = Page(http, instance, caller.Account, RelationKind.Block, instance, clock, "/api/v1/blocks");
        return Results.Json(rows.Select(r => view.Render(federation.FindAccount(r.TargetId)!, instance)).ToList());
    }

    private static IResult GetMutes(HttpContext http, Caller caller, Instance instance, Federation federation, AccountView view, SandboxClock clock)
    {
        var rows = Page(http, instance, caller.Account, RelationKind.Mute, instance, clock, "/api/v1/mutes");
        return Results.Json(rows.Select(r => view.Muted(federation.FindAccount(r.TargetId)!, instance, r)).ToList());
    }

    /// <summary>
    /// Whom an account follows. Empty for a suspended account, for one that hides its network (unless it is the
    /// caller's own), and for one that blocks the caller. Seen from another instance, only the follows of that
    /// instance's accounts are known, as a real server only knows the Follow activities it received.
    /// </summary>
    private static IResult GetFollowing(string id, HttpContext http, Caller caller, Instance instance, Federation federation, AccountView view, SandboxClock clock)
    {
        if (federation.FindAccount(id) is not { } account)
        {
            return MastodonErrors.RecordNotFound();
        }

        var home = federation.Home(account);
        var blocksCaller = caller.User is { } me && home.State.Find(account.Id, RelationKind.Block, me.Id, clock.GetUtcNow()) is not null;
        if (instance.State.IsSuspended(account.Id) || (account.HideCollections && caller.User?.Id != account.Id) || blocksCaller)
        {
            return Results.Json(Array.Empty<AccountJson>());
        }

        var rows = Page(http, home, account, RelationKind.Follow, instance, clock, $"/api/v1/accounts/{account.Id}/following");
        return Results.Json(rows.Select(r => view.Render(federation.FindAccount(r.TargetId)!, instance)).ToList());
    }

    /// <summary>One page of <paramref name="owner"/>'s rows stored on <paramref name="store"/>, as <paramref name="viewer"/> shows them; writes the Link header.</summary>
    private static IReadOnlyList<RelationRow> Page(HttpContext http, Instance store, Account owner, RelationKind kind, Instance viewer, SandboxClock clock, string path)
    {
        var paging = PageParameters.From(http.Request.Query);
        var suspended = viewer.State.Suspended();
        var foreign = store != viewer;
        bool Include(string target) => !suspended.Contains(target) && (!foreign || SeedData.IsOn(target, viewer.Index));
        var rows = store.State.Page(owner.Id, kind, paging.MaxId, paging.SinceId, paging.Limit, Include, clock.GetUtcNow());
        LinkHeader.Write(http.Response, viewer, path, paging.RawLimit, rows, paging.Limit);
        return rows;
    }
}
