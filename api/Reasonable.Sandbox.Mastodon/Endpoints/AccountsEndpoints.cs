using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>Accounts: the signed-in user, one account by id or handle, relationships (with private notes), and writing a note.</summary>
public static class AccountsEndpoints
{
    public const int NoteLimit = 2_000;

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/verify_credentials", VerifyCredentials).WithName("verifyCredentials").WithAccess(ApiAccess.User("profile", "read", "read:accounts"));
        app.MapGet("/api/v1/accounts/relationships", Relationships).WithName("getRelationships").WithAccess(ApiAccess.User("read", "read:follows"));
        app.MapGet("/api/v1/accounts/lookup", Lookup).WithName("lookupAccount").WithAccess(ApiAccess.IfGotToken("read", "read:accounts"));
        app.MapGet("/api/v1/accounts/{id}", GetAccount).WithName("getAccount").WithAccess(ApiAccess.IfGotToken("read", "read:accounts"));
        app.MapPost("/api/v1/accounts/{id}/note", SetNote).WithName("setAccountNote").WithAccess(ApiAccess.User("write", "write:accounts"));
        return app;
    }

    private static IResult VerifyCredentials(Caller caller, Instance instance, AccountView view) =>
        Results.Json(view.Credential(caller.Account, instance));

    private static IResult GetAccount(string id, Instance instance, Federation federation, AccountView view) =>
        federation.FindAccount(id) is { } account ? Results.Json(view.Render(account, instance)) : MastodonErrors.RecordNotFound();

    /// <summary><c>acct</c> is <c>user</c> (this instance) or <c>user@domain</c>; a leading @ is allowed.</summary>
    private static IResult Lookup(HttpRequest request, Instance instance, Federation federation, AccountView view)
    {
        var acct = (request.Query["acct"].ToString() ?? string.Empty).TrimStart('@');
        var at = acct.IndexOf('@', StringComparison.Ordinal);
        var home = at < 0 ? instance : federation.ByDomain(acct[(at + 1)..]);
        var username = at < 0 ? acct : acct[..at];
        return home is not null && username.Length > 0 && federation.FindAccount(home, username) is { } account
            ? Results.Json(view.Render(account, instance))
            : MastodonErrors.RecordNotFound();
    }

    /// <summary>One Relationship per known id, in request order; suspended accounts only with <c>with_suspended=true</c>.</summary>
    private static IResult Relationships(HttpRequest request, Caller caller, Instance instance, Federation federation, RelationshipView view)
    {
        var ids = request.Query["id[]"].Concat(request.Query["id"]).OfType<string>().Distinct(StringComparer.Ordinal);
        var withSuspended = string.Equals(request.Query["with_suspended"], "true", StringComparison.OrdinalIgnoreCase);
        var relationships = ids
            .Select(federation.FindAccount)
            .OfType<Account>()
            .Where(a => withSuspended || !instance.State.IsSuspended(a.Id))
            .Select(a => view.Render(caller.Account, a, instance))
            .ToList();
        return Results.Json(relationships);
    }

    /// <summary>Upserts the caller's private note (≤ 2000 characters); an empty or absent comment deletes it.</summary>
    private static async Task<IResult> SetNote(string id, HttpRequest request, Caller caller, Instance instance, Federation federation, RelationshipView view)
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

        var comment = parameters!["comment"] ?? string.Empty;
        if (comment.EnumerateRunes().Count() > NoteLimit)
        {
            return MastodonErrors.ValidationFailed($"Comment is too long (maximum is {NoteLimit} characters)");
        }

        instance.State.SetNote(caller.Account.Id, target.Id, comment);
        return Results.Json(view.Render(caller.Account, target, instance));
    }
}
