using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Keys;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The user's own keys: their status (the key list read live, data-key rotation progress), rotating the user key
/// (KEK) that their key list holds, and rotating the data key that seals their notes.
/// </summary>
public static class KeyEndpoints
{

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization();
        group.MapGet("/", GetStatusAsync).WithName("GetKeyStatus")
            .WithSummary("The state of your keys: the key list on the provider as it is now (read at most every few minutes), key versions and data-key rotation progress.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/rotate-data-key", RotateDataKeyAsync).WithName("RotateDataKey").RequireRateLimit(LimitedAction.KeyRotation)
            .WithSummary("Makes a new data key for new writes and re-encrypts your notes under it in the background; GET /api/keys shows progress.")
            .ProducesRotationProblems();
        group.MapPost("/rotate", RotateAsync).WithName("RotateUserKey").RequireRateLimit(LimitedAction.KeyRotation)
            .WithSummary("Replaces the key in your key list with a new one; your notes, sessions, tokens and recovery code keep working.")
            .ProducesRotationProblems();
        return app;
    }

    /// <summary>What a rotation can answer besides success: it reads (and may write) the key list on the provider.</summary>
    private static RouteHandlerBuilder ProducesRotationProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

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

    private static async Task<Results<Ok<KeyStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        CurrentUser current, ProviderDirectory providers, KeyListCheck check, UserRepository users, DataKeyRotationRepository rotations, CancellationToken cancellationToken)
    {
        var outcome = await check.CheckAsync(current.UserId, providers, cancellationToken);
        var user = outcome is null ? null : await users.FindAsync(current.UserId, cancellationToken);
        if (outcome is null || user is null)
        {
            return Problems.NotFound("user");
        }

        var dataKeys = await users.DataKeysAsync(user.Id, cancellationToken);
        var rotation = await rotations.FindAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new KeyStatusResponse(
            user.KeyStatus, outcome.Kind, outcome.CheckedAt, current.Keys is not null, user.UserKeyVersion, dataKeys.Max(key => key.Version),
            rotation is null ? null : DataKeyRotationResponse.From(rotation)));
    }

    private static async Task<Results<Accepted<DataKeyRotationResponse>, ProblemHttpResult>> RotateDataKeyAsync(
        CurrentUser current, ProviderDirectory providers, KeyListService keyLists, DataKeyRotationService rotation, DataKeyRotationRepository rotations,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        DataKeyRotationResult result;
        string name;
        await using (var locked = await keyLists.LockUserAsync(current.UserId, providers, cancellationToken))
        {
            if (locked is null)
            {
                return Problems.NotFound("user");
            }

            name = locked.Provider.Info.DisplayName;
            try
            {
                result = await rotation.RotateAsync(locked, keys, cancellationToken);
            }
            catch (ProviderException exception)
            {
                return Problems.Provider(exception, name);
            }
        }

        var started = result == DataKeyRotationResult.Started ? await rotations.FindAsync(current.UserId, cancellationToken) : null;
        return result switch
        {
            DataKeyRotationResult.Started when started is not null => TypedResults.Accepted("/api/keys", DataKeyRotationResponse.From(started)),
            DataKeyRotationResult.AlreadyRunning => Problems.Conflict(
                "data-key-rotation-running",
                "A data-key rotation is still running",
                "Your notes are still being re-encrypted under the data key made by the last rotation. Wait until GET /api/keys shows it finished, then try again."),
            DataKeyRotationResult.KeyListNeedsAttention => Problems.Conflict(
                "key-list-needs-attention",
                "Your key list needs attention",
                $"Your key list on {name} changed since you signed in, so a new data key cannot be wrapped by it. Nothing was changed; GET /api/me says what to do."),
            DataKeyRotationResult.UserKeyRotationUnfinished => Problems.Conflict(
                "user-key-rotation-unfinished",
                "A key rotation is unfinished",
                "The last replacement of the key in your key list did not finish. Rotate your key (POST /api/keys/rotate) first, then rotate the data key."),
            _ => Problems.Conflict(
                "keys-changed",
                "Your keys changed meanwhile",
                $"Your keys changed while the new data key was being made, so nothing was changed. Try again; if it keeps happening, sign in with {name} again."),
        };
    }

    private static string? RecoveryAdvice(RecoveryAfterRotation recovery) => recovery switch
    {
        RecoveryAfterRotation.Kept => null,
        _ => "You have no recovery code. Make one (POST /api/me/recovery-code) so you can restore your key list if it is ever deleted.",
    };
}
