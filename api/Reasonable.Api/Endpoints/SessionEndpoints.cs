using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>The user's browser sessions, so they can see where they are signed in and end any of them.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListSessions").WithSummary("The user's live browser sessions, newest first.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("EndSession").WithSummary("Ends one browser session at once.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SessionResponse>>> ListAsync(
        CurrentUser current, SessionRepository sessions, MasterKeyRing ring, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = await sessions.ListLiveAsync(current.UserId, SessionRow.Browser, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SessionResponse>>(
            [.. rows.Select(row => new SessionResponse(
                row.Id, row.CreatedAt, row.ExpiresAt, row.LastUsedAt, row.Id == current.SessionId, SessionDevice.Open(ring, row.Id, row.UserAgentCiphertext)))]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, CurrentUser current, SessionRepository sessions, TimeProvider time, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(current.UserId, id, SessionRow.Browser, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("session");
}

/// <summary>
/// A browser session; <c>current</c> marks the one making this request. <c>userAgent</c> is what traded its sign-in
/// code (stored sealed; null when none was sent, or for sessions from before it was recorded).
/// </summary>
public sealed record SessionResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Current, string? UserAgent);
