using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Search;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The free-text search index of the user's own rows (see docs/security.md): whether it is complete, and a rebuild.
/// Searches work throughout: while the index is incomplete they read every row, as before the index existed.
/// </summary>
public static class SearchIndexEndpoints
{
    public static IEndpointRouteBuilder MapSearchIndexEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search-index").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/", StatusAsync).WithName("GetSearchIndex")
            .WithSummary("Whether your search index holds every account and reason; indexes some more first if it does not.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rebuild", RebuildAsync).WithName("RebuildSearchIndex").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Builds your search index again from your notes, a batch per request: repeat (or search) until complete is true.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<SearchIndexResponse>, ProblemHttpResult>> StatusAsync(
        CurrentUser current, SearchIndexBackfill backfill, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        return TypedResults.Ok(SearchIndexResponse.From(await backfill.CatchUpAsync(keys, cancellationToken)));
    }

    private static async Task<Results<Ok<SearchIndexResponse>, ProblemHttpResult>> RebuildAsync(
        CurrentUser current, SearchIndexRepository index, SearchIndexBackfill backfill, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        await index.RebuildAsync(keys.UserId, DatabaseClock.Now(time), cancellationToken);
        return TypedResults.Ok(SearchIndexResponse.From(await backfill.CatchUpAsync(keys, cancellationToken)));
    }
}

/// <summary>
/// Whether your search index is complete. While it is not, searches read every account and reason (slower, same
/// answers), and each search or call here indexes some more.
/// </summary>
public sealed record SearchIndexResponse(bool Complete, string Detail)
{
    public static SearchIndexResponse From(bool complete) => new(
        complete,
        complete ? "Every account and reason is in your search index." : "Your search index is being built; call again (or search) to go on.");
}
