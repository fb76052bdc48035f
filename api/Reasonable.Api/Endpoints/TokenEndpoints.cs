using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Personal access tokens for scripts: named, expiring, revocable, each with its own session row. A token is shown
/// once, when it is made; its name is stored under the user's data key.
/// </summary>
public static class TokenEndpoints
{
    public const int MaxNameLength = 100;
    private const int DefaultLifetimeDays = 90;

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Personal access tokens").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListPersonalTokens").WithSummary("The user's live personal access tokens (never the tokens themselves).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/", CreateAsync).WithName("CreatePersonalToken")
            .WithSummary("Makes a personal access token; the token is in this response only. Needs a browser session.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokePersonalToken").WithSummary("Revokes a personal access token at once.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PersonalTokenResponse>>, ProblemHttpResult>> ListAsync(
        CurrentUser current, SessionRepository sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var rows = await sessions.ListLiveAsync(current.UserId, SessionRow.PersonalToken, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PersonalTokenResponse>>([.. rows.Select(row => Describe(row, keys))]);
    }

    private static async Task<Results<Created<CreatedPersonalTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreatePersonalTokenRequest request, CurrentUser current, SessionIssuer issuer, MasterKeyRing ring, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        if (current.SessionKind != SessionRow.Browser)
        {
            return Problems.Forbidden("browser-session-required", "Sign in to make tokens", "Personal access tokens are made from a signed-in browser session, not with another token.");
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problems.Invalid("name", $"Give the token a name of 1 to {MaxNameLength} characters, so you can tell it apart later.");
        }

        var days = request.ExpiresInDays ?? DefaultLifetimeDays;
        if (days < 1 || days > AuthOptions.MaxPersonalTokenLifetime.TotalDays)
        {
            return Problems.Invalid("expiresInDays", $"A token lasts 1 to {AuthOptions.MaxPersonalTokenLifetime.TotalDays:0} days.");
        }

        var id = Guid.NewGuid();
        var session = await issuer.CreateAsync(
            current.UserId, SessionRow.PersonalToken, TimeSpan.FromDays(days), cancellationToken, id, keys.Encrypt(NameLocation(id), name));
        var token = issuer.Token(session, keys.WrapForSession(ring, session.Id));
        return TypedResults.Created($"/api/tokens/{id}", new CreatedPersonalTokenResponse(id, name, token.Token, session.CreatedAt, session.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, CurrentUser current, SessionRepository sessions, TimeProvider time, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(current.UserId, id, SessionRow.PersonalToken, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("personal access token");

    private static PersonalTokenResponse Describe(SessionRow row, UserKeyRing keys)
    {
        string? name = null;
        if (row.NameCiphertext is not null)
        {
            try
            {
                name = keys.DecryptString(NameLocation(row.Id), row.NameCiphertext);
            }
            catch (CiphertextException)
            {
                name = null; // a tampered name is shown as missing rather than trusted
            }
        }

        return new PersonalTokenResponse(row.Id, name, row.CreatedAt, row.ExpiresAt, row.LastUsedAt);
    }

    private static FieldLocation NameLocation(Guid sessionId) => new("sessions", "name_ciphertext", sessionId);
}

/// <summary>A name to recognise the token by, and how many days it lasts (1–366, default 90).</summary>
public sealed record CreatePersonalTokenRequest([property: Required] string? Name, int? ExpiresInDays);

/// <summary>A new personal access token. <c>token</c> is shown only here; send it as <c>Authorization: Bearer …</c>.</summary>
public sealed record CreatedPersonalTokenResponse(Guid Id, string Name, string Token, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A personal access token as listed; <c>name</c> is null if it cannot be opened.</summary>
public sealed record PersonalTokenResponse(Guid Id, string? Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);
