using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.Responses;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// Lists, private to their owner: every route looks only among the caller's lists, so another user's list id is
/// 404 "Record not found", exactly like an unknown one. All lists at once, no pagination; create answers 200.
/// </summary>
public static class ListsEndpoints
{
    private static readonly string[] ReadScopes = ["read", "read:lists"];
    private static readonly string[] WriteScopes = ["write", "write:lists"];

    public static IEndpointRouteBuilder MapListsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/lists", GetLists).WithName("getLists").WithAccess(ApiAccess.User(ReadScopes));
        app.MapGet("/api/v1/lists/{id}", GetList).WithName("getList").WithAccess(ApiAccess.User(ReadScopes));
        app.MapPost("/api/v1/lists", CreateList).WithName("createList").WithAccess(ApiAccess.User(WriteScopes));
        app.MapMethods("/api/v1/lists/{id}", [HttpMethods.Put, HttpMethods.Patch], UpdateList).WithName("updateList").WithAccess(ApiAccess.User(WriteScopes));
        app.MapDelete("/api/v1/lists/{id}", DeleteList).WithName("deleteList").WithAccess(ApiAccess.User(WriteScopes));
        return app;
    }

    private static IResult GetLists(Caller caller, Instance instance) =>
        Results.Json(instance.State.ListsOf(caller.Account.Id).Select(ListJson.From).ToList());

    private static IResult GetList(string id, Caller caller, Instance instance) =>
        instance.State.FindList(id, caller.Account.Id) is { } list ? Results.Json(ListJson.From(list)) : MastodonErrors.RecordNotFound();

    private static async Task<IResult> CreateList(HttpRequest request, Caller caller, Instance instance)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        var owner = caller.Account.Id;
        var changes = ListChanges.Read(parameters!, creating: true, instance.State.ListsOf(owner).Count, instance.Modes.ListTitleLimit);
        if (changes.Errors.Count > 0)
        {
            return MastodonErrors.ValidationFailed(changes.Errors);
        }

        var list = instance.State.CreateList(owner, changes.Title!, changes.RepliesPolicy ?? RepliesPolicy.List, changes.Exclusive ?? false);
        return Results.Json(ListJson.From(list));
    }

    /// <summary>Members left out keep their values (an update without <c>title</c> keeps the title).</summary>
    private static async Task<IResult> UpdateList(string id, HttpRequest request, Caller caller, Instance instance)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        if (instance.State.FindList(id, caller.Account.Id) is null)
        {
            return MastodonErrors.RecordNotFound();
        }

        var changes = ListChanges.Read(parameters!, creating: false, existingLists: 0, instance.Modes.ListTitleLimit);
        if (changes.Errors.Count > 0)
        {
            return MastodonErrors.ValidationFailed(changes.Errors);
        }

        var list = instance.State.UpdateList(id, changes.Title, changes.RepliesPolicy, changes.Exclusive);
        return list is null ? MastodonErrors.RecordNotFound() : Results.Json(ListJson.From(list));
    }

    private static IResult DeleteList(string id, Caller caller, Instance instance) =>
        instance.State.FindList(id, caller.Account.Id) is not null && instance.State.DeleteList(id)
            ? Results.Json(new { })
            : MastodonErrors.RecordNotFound();
}
