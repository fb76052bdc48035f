using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.Responses;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// v2 users: <c>/2/users/me</c> and the relation listings, plus v1.1 verify_credentials and the avatars the
/// <c>profile_image_url</c>s point at. Limits per user per 15 minutes are X's (as X documents them).
/// </summary>
public static partial class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/2/users/me", GetMe).WithName("getUsersMe").WithUserContext("GET /2/users/me", 75);
        app.MapGet("/2/users/{id}/blocking", GetBlocking).WithName("getUsersBlocking").WithUserContext("GET /2/users/:id/blocking", 15);
        app.MapGet("/2/users/{id}/muting", GetMuting).WithName("getUsersMuting").WithUserContext("GET /2/users/:id/muting", 15);
        app.MapGet("/2/users/{id}/following", GetFollowing).WithName("getUsersFollowing").WithUserContext("GET /2/users/:id/following", 300);
        app.MapGet("/1.1/account/verify_credentials.json", VerifyCredentials).WithName("verifyCredentials")
            .WithUserContext("GET /1.1/account/verify_credentials", 75);
        app.MapGet("/avatars/{file}", Avatar).WithName("avatar");
        return app;
    }

    /// <summary>The scheme and host the client used, so avatar URLs point back at this sandbox.</summary>
    public static string PublicBase(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host.Value}";
    }

    [GeneratedRegex("^[0-9]{1,19}$")]
    public static partial Regex IdPattern();

    private static IResult GetMe(Caller caller, HttpRequest request, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "user.fields")] string? userFields)
    {
        if (!UserFields.TryParse(userFields, out var fields, out var error))
        {
            return error!;
        }

        return Results.Json(new { data = UserFields.Render(caller.User, fields, PublicBase(request)) });
    }

    // X answers 403 when the path id is not the signed-in user (blocks and mutes are private to their owner).
    private static IResult GetBlocking(string id, Caller caller, SandboxState state, HttpRequest request) =>
        id == caller.Id || !IdPattern().IsMatch(id)
            ? Relation(id, RelationKind.Blocking, state, request)
            : XErrors.Forbidden("user", id, "You can only view your own blocked users.");

    private static IResult GetMuting(string id, Caller caller, SandboxState state, HttpRequest request) =>
        id == caller.Id || !IdPattern().IsMatch(id)
            ? Relation(id, RelationKind.Muting, state, request)
            : XErrors.Forbidden("user", id, "You can only view your own muted users.");

    // Follows are public: anyone may list anyone's (unknown ids get X's partial "Not Found Error").
    private static IResult GetFollowing(string id, SandboxState state, HttpRequest request) =>
        Relation(id, RelationKind.Following, state, request);

    private static IResult Relation(string id, RelationKind kind, SandboxState state, HttpRequest request)
    {
        if (!IdPattern().IsMatch(id))
        {
            return XErrors.InvalidRequest("id", id, $"The `id` query parameter value [{id}] is not valid");
        }

        var query = request.Query;
        if (!Paging.TryMaxResults(query["max_results"], 1000, 100, out var max, out var error)
            || !UserFields.TryParse(query["user.fields"], out var fields, out error))
        {
            return error!;
        }

        if (SeedData.Find(id) is null)
        {
            return XErrors.NotFoundError("user", "id", id);
        }

        var scope = $"{kind}:{id}";
        if (!Paging.TryOffset(query["pagination_token"], scope, out var offset, out error))
        {
            return error!;
        }

        var (ids, total) = state.RelationSlice(id, kind, offset, max);
        var avatarBase = PublicBase(request);
        var users = ids.Select(SeedData.Find).OfType<SandboxUser>().Select(u => UserFields.Render(u, fields, avatarBase)).ToList();
        return Results.Json(Page(users, offset, max, total, scope));
    }

    /// <summary>
    /// X's page shape: <c>data</c> only when non-empty, <c>meta.result_count</c> always, <c>next_token</c> only while
    /// more remain, <c>previous_token</c> after the first page.
    /// </summary>
    public static object Page<T>(IReadOnlyList<T> items, int offset, int max, int total, string scope)
    {
        ArgumentNullException.ThrowIfNull(items);
        var next = offset + items.Count < total && items.Count > 0 ? Paging.Token(scope, offset + items.Count) : null;
        var previous = offset > 0 ? Paging.Token(scope, Math.Max(0, offset - max)) : null;
        return new
        {
            data = items.Count > 0 ? items : null,
            meta = new { result_count = items.Count, next_token = next, previous_token = previous },
        };
    }

    private static IResult VerifyCredentials(Caller caller, HttpRequest request)
    {
        var user = caller.User;
        return Results.Json(new
        {
            id = long.Parse(user.Id, CultureInfo.InvariantCulture),
            id_str = user.Id,
            name = user.Name,
            screen_name = user.Username,
            description = user.Description,
            @protected = user.Protected,
            profile_image_url_https = $"{PublicBase(request)}/avatars/{user.Id}.svg",
        });
    }

    /// <summary>A small deterministic SVG per user: initials on a colour derived from the id.</summary>
    private static IResult Avatar(string file)
    {
        var id = file.EndsWith(".svg", StringComparison.Ordinal) ? file[..^4] : file;
        if (SeedData.Find(id) is not { } user)
        {
            return Results.NotFound();
        }

        var hue = (int)(ulong.Parse(user.Id, CultureInfo.InvariantCulture) * 47 % 360);
        var initial = WebUtility.HtmlEncode(user.Name[..1].ToUpperInvariant());
        var svg = string.Create(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\" viewBox=\"0 0 48 48\"><rect width=\"48\" height=\"48\" rx=\"24\" fill=\"hsl({hue},55%,45%)\"/><text x=\"24\" y=\"31\" font-family=\"sans-serif\" font-size=\"22\" fill=\"#fff\" text-anchor=\"middle\">{initial}</text></svg>");
        return Results.Text(svg, "image/svg+xml");
    }
}
