using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Endpoints;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Control;

/// <summary>
/// What a user does on the instance's own website (so with none of the API's checks), and reading back what a
/// client wrote: relations, notes, lists, tokens; plus the instance's moderation view of an account.
/// <c>{id}</c> is one of the instance's seeded users; relation routes take <c>blocks</c>, <c>mutes</c> or <c>follows</c>.
/// </summary>
public static class ControlUserEndpoints
{
    public static RouteGroupBuilder MapControlUserEndpoints(this RouteGroupBuilder control)
    {
        ArgumentNullException.ThrowIfNull(control);
        control.MapGet("/users/{id}/{relation}", Relation).WithName("sandboxRelation");
        control.MapPost("/users/{id}/{relation}", AddRelation).WithName("sandboxAddRelation");
        control.MapDelete("/users/{id}/{relation}/{targetId}", RemoveRelation).WithName("sandboxRemoveRelation");
        control.MapGet("/users/{id}/notes", (string id, Instance instance) => User(id, instance) is null ? UnknownUser() : Results.Json(instance.State.NotesBy(id))).WithName("sandboxNotes");
        control.MapPut("/users/{id}/notes/{targetId}", SetNote).WithName("sandboxSetNote");
        control.MapGet("/users/{id}/lists", (string id, Instance instance) => User(id, instance) is null ? UnknownUser() : Results.Json(instance.State.ListsOf(id).Select(ListJson.From))).WithName("sandboxLists");
        control.MapPost("/users/{id}/lists/fill", FillLists).WithName("sandboxFillLists");
        control.MapPost("/users/{id}/revoke-tokens", (string id, Instance instance) => User(id, instance) is null ? UnknownUser() : Results.Json(new { revoked = instance.OAuth.RevokeAllOf(id) })).WithName("sandboxRevokeTokens");
        control.MapPatch("/lists/{id}", EditList).WithName("sandboxEditList");
        control.MapDelete("/lists/{id}", (string id, Instance instance) => instance.State.DeleteList(id) ? Results.NoContent() : UnknownList()).WithName("sandboxDeleteList");
        control.MapPatch("/accounts/{id}", EditAccount).WithName("sandboxEditAccount");
        return control;
    }

    private static IResult Relation(string id, string relation, Instance instance, Federation federation)
    {
        if (User(id, instance) is null || Kind(relation) is null)
        {
            return UnknownUser();
        }

        return Results.Json(instance.State.Rows(id, Kind(relation)!.Value).Select(r => new
        {
            row_id = r.RowId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            account_id = r.TargetId,
            acct = federation.FindAccount(r.TargetId) is { } a ? Acct(a, instance, federation) : null,
            expires_at = Timestamps.Format(r.ExpiresAt),
            notifications = r.Notifications,
        }));
    }

    /// <summary>Adds (or refreshes) the relation as the newest row; a block also ends follows both ways, as on the website.</summary>
    private static IResult AddRelation(string id, string relation, RelationRequest request, Instance instance, Federation federation, SandboxClock clock)
    {
        if (User(id, instance) is null || Kind(relation) is not { } kind || federation.FindAccount(request.TargetId) is not { } target)
        {
            return UnknownUser();
        }

        var now = clock.GetUtcNow();
        if (kind == RelationKind.Block)
        {
            instance.State.Remove(id, RelationKind.Follow, target.Id);
            federation.Home(target).State.Remove(target.Id, RelationKind.Follow, id);
        }

        var expiresAt = request.ExpiresIn is > 0 ? now.AddSeconds(request.ExpiresIn.Value) : (DateTimeOffset?)null;
        var row = instance.State.Put(id, kind, target.Id, expiresAt, request.Notifications ?? true, now);
        return Results.Json(new { row_id = row.RowId.ToString(System.Globalization.CultureInfo.InvariantCulture), account_id = target.Id }, statusCode: StatusCodes.Status201Created);
    }

    private static IResult RemoveRelation(string id, string relation, string targetId, Instance instance) =>
        User(id, instance) is null || Kind(relation) is not { } kind ? UnknownUser() : Results.Json(new { removed = instance.State.Remove(id, kind, targetId) });

    private static IResult SetNote(string id, string targetId, NoteRequest request, Instance instance, Federation federation)
    {
        if (User(id, instance) is null || federation.FindAccount(targetId) is null)
        {
            return UnknownUser();
        }

        instance.State.SetNote(id, targetId, request.Comment ?? string.Empty);
        return Results.Json(new { comment = instance.State.Note(id, targetId) });
    }

    /// <summary>Creates "Filler n" lists until the user has the maximum (50), so the next create is refused.</summary>
    private static IResult FillLists(string id, Instance instance)
    {
        if (User(id, instance) is null)
        {
            return UnknownUser();
        }

        var created = 0;
        while (instance.State.ListsOf(id).Count < ListChanges.PerAccountLimit)
        {
            instance.State.CreateList(id, $"Filler {++created}", RepliesPolicy.List, false);
        }

        return Results.Json(new { created, lists = instance.State.ListsOf(id).Count });
    }

    /// <summary>Edits a list as its owner could on the website: no validation, so tests can build states the API refuses.</summary>
    private static IResult EditList(string id, ListEditRequest request, Instance instance) =>
        instance.State.UpdateList(id, request.Title, request.RepliesPolicy, request.Exclusive) is { } list
            ? Results.Json(ListJson.From(list))
            : UnknownList();

    /// <summary>The instance's moderation view: <c>suspended</c>, and <c>moved_to_id</c> ("" clears the move).</summary>
    private static IResult EditAccount(string id, AccountEditRequest request, Instance instance, Federation federation, AccountView view)
    {
        if (federation.FindAccount(id) is not { } account)
        {
            return UnknownUser();
        }

        if (request.MovedToId is { Length: > 0 } movedTo && federation.FindAccount(movedTo) is null)
        {
            return Results.Json(new { error = "moved_to_id is not a known account" }, statusCode: StatusCodes.Status404NotFound);
        }

        if (request.Suspended is { } suspended)
        {
            instance.State.SetSuspended(id, suspended);
        }

        if (request.MovedToId is { } target)
        {
            instance.State.SetMovedTo(id, target.Length == 0 ? null : target);
        }

        return Results.Json(view.Render(account, instance));
    }

    private static Account? User(string id, Instance instance) => SeedAccounts.Named(instance.Index).FirstOrDefault(u => u.Id == id);

    private static string Acct(Account account, Instance instance, Federation federation) =>
        federation.Home(account) == instance ? account.Username : $"{account.Username}@{federation.Home(account).Domain}";

    private static RelationKind? Kind(string relation) => relation switch
    {
        "blocks" => RelationKind.Block,
        "mutes" => RelationKind.Mute,
        "follows" => RelationKind.Follow,
        _ => null,
    };

    private static IResult UnknownUser() => Results.Json(new { error = "Unknown user, relation or account on this instance" }, statusCode: StatusCodes.Status404NotFound);

    private static IResult UnknownList() => Results.Json(new { error = "Record not found" }, statusCode: StatusCodes.Status404NotFound);
}

/// <summary><c>expires_in</c> (seconds, mutes only; absent or 0: indefinite) and <c>notifications</c> (mutes, default true).</summary>
public sealed record RelationRequest(string TargetId, int? ExpiresIn, bool? Notifications);

public sealed record NoteRequest(string? Comment);

public sealed record ListEditRequest(string? Title, RepliesPolicy? RepliesPolicy, bool? Exclusive);

public sealed record AccountEditRequest(bool? Suspended, string? MovedToId);
