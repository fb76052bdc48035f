using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;

namespace Reasonable.Api.Endpoints;

/// <summary>The user's own keys: rotating the user key (KEK) that their key list holds.</summary>
public static class KeyEndpoints
{

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization();
        group.MapPost("/rotate", RotateAsync).WithName("RotateUserKey").RequireRateLimit(LimitedAction.KeyRotation)
            .WithSummary("Replaces the key in your key list with a new one; your notes, sessions, tokens and recovery code keep working.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<KeyRotationResponse>, ProblemHttpResult>> RotateAsync(
        CurrentUser current, ProviderDirectory providers, KeyListService keyLists, KeyRotationService rotation, CancellationToken cancellationToken)
    {
        if (current.Keys is null)
        {
            return Problems.KeysUnavailable();
        }

        await using var locked = await keyLists.LockUserAsync(current.UserId, providers, cancellationToken);
        if (locked is null)
        {
            return Problems.NotFound("user");
        }

        var provider = locked.Provider;
        KeyRotationResult result;
        try
        {
            result = await rotation.RotateAsync(locked, cancellationToken);
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Info.DisplayName);
        }

        var name = provider.Info.DisplayName;
        return result switch
        {
            { Version: { } version } => TypedResults.Ok(new KeyRotationResponse(version, result.At, result.Recovery == RecoveryAfterRotation.Kept, RecoveryAdvice(result.Recovery))),
            { KeyListStatus: not null } => Problems.Conflict(
                "key-list-needs-attention",
                "Your key list needs attention",
                $"Your key list ({provider.KeySlotName}) on {name} changed since you signed in, so its key cannot be replaced. Nothing was changed; GET /api/me says what to do."),
            _ => Problems.Conflict(
                "keys-changed",
                "Your keys changed meanwhile",
                $"Your keys changed while the new key was being made, so nothing was changed. Try again; if it keeps happening, sign in with {name} again."),
        };
    }

    private static string? RecoveryAdvice(RecoveryAfterRotation recovery) => recovery switch
    {
        RecoveryAfterRotation.Kept => null,
        _ => "You have no recovery code. Make one (POST /api/me/recovery-code) so you can restore your key list if it is ever deleted.",
    };
}
