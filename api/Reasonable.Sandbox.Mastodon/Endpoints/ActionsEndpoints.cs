using System.Globalization;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.Responses;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// Block, mute, follow and their undoing, each answering the new Relationship. Unknown (or suspended) targets → 404,
/// the caller's own account → 422. Undoing something that is not there succeeds, as Mastodon's does.
/// </summary>
public static class ActionsEndpoints
{
    private static readonly string[] BlockScopes = ["follow", "write", "write:blocks"];
    private static readonly string[] MuteScopes = ["follow", "write", "write:mutes"];
    private static readonly string[] FollowScopes = ["follow", "write", "write:follows"];

    private delegate IResult? Action(Account caller, Account target, Instance instance, Federation federation, RequestParameters parameters, DateTimeOffset now);

    public static IEndpointRouteBuilder MapActionsEndpoints(this IEndpointRouteBuilder app)
    {
        Map(app, "block", "blockAccount", BlockScopes, Block);
        Map(app, "unblock", "unblockAccount", BlockScopes, (caller, target, instance, _, _, _) => Remove(instance, caller, RelationKind.Block, target));
        Map(app, "mute", "muteAccount", MuteScopes, Mute);
        Map(app, "unmute", "unmuteAccount", MuteScopes, (caller, target, instance, _, _, _) => Remove(instance, caller, RelationKind.Mute, target));
        Map(app, "follow", "followAccount", FollowScopes, Follow);
        Map(app, "unfollow", "unfollowAccount", FollowScopes, (caller, target, instance, _, _, _) => Remove(instance, caller, RelationKind.Follow, target));
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string verb, string name, string[] scopes, Action action) =>
        app.MapPost($"/api/v1/accounts/{{id}}/{verb}", (string id, HttpRequest request, Caller caller, Instance instance, Federation federation, RelationshipView view, SandboxClock clock) =>
                RunAsync(id, request, caller, instance, federation, view, clock, action))
            .WithName(name)
            .WithAccess(ApiAccess.User(scopes));

    private static async Task<IResult> RunAsync(string id, HttpRequest request, Caller caller, Instance instance, Federation federation, RelationshipView view, SandboxClock clock, Action action)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        if (federation.FindAccount(id) is not { } target || instance.State.IsSuspended(target.Id))
        {
            return MastodonErrors.RecordNotFound();
        }

        if (target.Id == caller.Account.Id)
        {
            return MastodonErrors.ValidationFailed("You cannot do this to your own account");
        }

        return action(caller.Account, target, instance, federation, parameters!, clock.GetUtcNow())
            ?? Results.Json(view.Render(caller.Account, target, instance));
    }

    /// <summary>Blocking also ends the follows both ways, as Mastodon's BlockService does.</summary>
    private static IResult? Block(Account caller, Account target, Instance instance, Federation federation, RequestParameters parameters, DateTimeOffset now)
    {
        instance.State.Remove(caller.Id, RelationKind.Follow, target.Id);
        federation.Home(target).State.Remove(target.Id, RelationKind.Follow, caller.Id);
        if (instance.State.Find(caller.Id, RelationKind.Block, target.Id, now) is null)
        {
            instance.State.Put(caller.Id, RelationKind.Block, target.Id, null, true, now);
        }

        return null;
    }

    /// <summary><c>duration</c> in seconds (absent or 0: indefinite); <c>notifications</c> defaults to true.</summary>
    private static IResult? Mute(Account caller, Account target, Instance instance, Federation federation, RequestParameters parameters, DateTimeOffset now)
    {
        var duration = long.TryParse(parameters["duration"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        if (duration < 0)
        {
            return MastodonErrors.ValidationFailed("Duration must be positive");
        }

        var expiresAt = duration == 0 ? (DateTimeOffset?)null : now.AddSeconds(duration);
        instance.State.Put(caller.Id, RelationKind.Mute, target.Id, expiresAt, parameters.Boolean("notifications") ?? true, now);
        return null;
    }

    /// <summary>Following someone you block, or who blocks you, is refused (403), as Mastodon's FollowService does.</summary>
    private static IResult? Follow(Account caller, Account target, Instance instance, Federation federation, RequestParameters parameters, DateTimeOffset now)
    {
        if (instance.State.Find(caller.Id, RelationKind.Block, target.Id, now) is not null
            || federation.Home(target).State.Find(target.Id, RelationKind.Block, caller.Id, now) is not null)
        {
            return MastodonErrors.NotAllowed();
        }

        if (instance.State.Find(caller.Id, RelationKind.Follow, target.Id, now) is null)
        {
            instance.State.Put(caller.Id, RelationKind.Follow, target.Id, null, true, now);
        }

        return null;
    }

    private static IResult? Remove(Instance instance, Account caller, RelationKind kind, Account target)
    {
        instance.State.Remove(caller.Id, kind, target.Id);
        return null;
    }
}
