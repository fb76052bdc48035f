using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.Responses;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// v2 lists. Private lists exist only for their owner: anyone else sees them neither in owned_lists nor by id.
/// Only the owner may change or delete a list (403 otherwise).
/// </summary>
public static class ListsEndpoints
{
    public static IEndpointRouteBuilder MapListsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/2/users/{id}/owned_lists", GetOwnedLists).WithName("getUsersOwnedLists").WithUserContext("GET /2/users/:id/owned_lists", 15);
        app.MapGet("/2/lists/{id}", GetList).WithName("getListsById").WithUserContext("GET /2/lists/:id", 75);
        app.MapPost("/2/lists", CreateList).WithName("createLists").WithUserContext("POST /2/lists", 300);
        app.MapPut("/2/lists/{id}", UpdateList).WithName("updateLists").WithUserContext("PUT /2/lists/:id", 300);
        app.MapDelete("/2/lists/{id}", DeleteList).WithName("deleteLists").WithUserContext("DELETE /2/lists/:id", 300);
        return app;
    }

    private static IResult GetOwnedLists(string id, Caller caller, SandboxState state, HttpRequest request)
    {
        if (!UsersEndpoints.IdPattern().IsMatch(id))
        {
            return XErrors.InvalidRequest("id", id, $"The `id` query parameter value [{id}] is not valid");
        }

        var query = request.Query;
        if (!Paging.TryMaxResults(query["max_results"], 100, 100, out var max, out var error)
            || !ListFields.TryParse(query["list.fields"], out var fields, out error))
        {
            return error!;
        }

        if (SeedData.Find(id) is null)
        {
            return XErrors.NotFoundError("user", "id", id);
        }

        // The scope includes the viewer: the owner and others page through different sequences.
        var scope = $"owned_lists:{id}:{caller.Id}";
        if (!Paging.TryOffset(query["pagination_token"], scope, out var offset, out error))
        {
            return error!;
        }

        var visible = state.ListsOwnedBy(id).Where(l => !l.Private || l.OwnerId == caller.Id).ToList();
        var page = visible.Skip(offset).Take(max).Select(l => ListFields.Render(l, fields)).ToList();
        return Results.Json(UsersEndpoints.Page(page, offset, max, visible.Count, scope));
    }

    private static IResult GetList(string id, Caller caller, SandboxState state, HttpRequest request)
    {
        if (!ListFields.TryParse(request.Query["list.fields"], out var fields, out var error))
        {
            return error!;
        }

        return state.FindList(id) is { } list && (!list.Private || list.OwnerId == caller.Id)
            ? Results.Json(new { data = ListFields.Render(list, fields) })
            : XErrors.NotFoundError("list", "id", id);
    }

    private static async Task<IResult> CreateList(Caller caller, SandboxState state, SandboxClock clock, HttpRequest request)
    {
        var (changes, error) = await ListBody.ReadAsync(request, nameRequired: true);
        if (error is not null)
        {
            return error;
        }

        var list = state.CreateList(caller.Id, changes!.Name!, changes.Description ?? string.Empty, changes.Private ?? false, clock.GetUtcNow());
        return Results.Json(new { data = new { id = list.Id, name = list.Name } }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateList(string id, Caller caller, SandboxState state, HttpRequest request)
    {
        if (Owned(id, caller, state, "update") is { } refusal)
        {
            return refusal;
        }

        var (changes, error) = await ListBody.ReadAsync(request, nameRequired: false);
        if (error is not null)
        {
            return error;
        }

        var updated = state.UpdateList(id, changes!.Name, changes.Description, changes.Private);
        return updated is null
            ? XErrors.ResourceNotFound("list", "id", id)
            : Results.Json(new { data = new { updated = true } });
    }

    private static IResult DeleteList(string id, Caller caller, SandboxState state)
    {
        if (Owned(id, caller, state, "delete") is { } refusal)
        {
            return refusal;
        }

        return state.DeleteList(id)
            ? Results.Json(new { data = new { deleted = true } })
            : XErrors.ResourceNotFound("list", "id", id);
    }

    /// <summary>Null when the caller owns the list; otherwise 404 (unknown, or private and not theirs) or 403.</summary>
    private static IResult? Owned(string id, Caller caller, SandboxState state, string verb) => state.FindList(id) switch
    {
        null => XErrors.ResourceNotFound("list", "id", id),
        { Private: true } list when list.OwnerId != caller.Id => XErrors.ResourceNotFound("list", "id", id),
        { } list when list.OwnerId != caller.Id => XErrors.Forbidden("list", id, $"You are not allowed to {verb} this List."),
        _ => null,
    };
}
