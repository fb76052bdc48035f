using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Http;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// How many accounts the list's filters match, exactly (after decryption, so truncated indexes never inflate it). Its
/// own route, so the list stays one index walk: the web app asks for the count beside the first page.
/// </summary>
public static class AccountCountEndpoints
{
    public static IEndpointRouteBuilder MapAccountCountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/accounts/count").WithTags("Accounts").RequireAuthorization()
            .MapGet("/", CountAsync).WithName("CountAccounts")
            .WithSummary("How many of your accounts match the same filters as GET /api/accounts (relation, tag, hasReasons, q, providerAccountId).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<AccountCountResponse>, ProblemHttpResult>> CountAsync(
        CurrentUser current,
        AccountCatalog catalog,
        [FromQuery] string? relation,
        [FromQuery] string? tag,
        [FromQuery] string? hasReasons,
        [FromQuery] string? q,
        [FromQuery] string? providerAccountId,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (filter, problem) = AccountEndpoints.ReadFilter(relation, tag, hasReasons, q, providerAccountId);
        if (problem is not null)
        {
            return problem;
        }

        var (matching, unreadable) = await catalog.CountAsync(keys, filter!, cancellationToken);
        return TypedResults.Ok(new AccountCountResponse(matching, unreadable));
    }
}

/// <summary>How many accounts match; <c>unreadable</c> counts stored rows that failed their integrity check and are not counted.</summary>
public sealed record AccountCountResponse(int Matching, int Unreadable);
