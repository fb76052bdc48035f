using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>The signed-in user: who they are, the state of their key list, its recovery code, and deleting it all.</summary>
public static class MeEndpoints
{
    /// <summary>What <c>DELETE /api/me</c> must be sent in <c>confirm</c>, so no script or stray click deletes an account.</summary>
    public const string DeleteConfirmation = "delete my account";

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetMe")
            .WithSummary("The signed-in user: handle, provider, key list status and whether a recovery code is set up.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/recovery-code", CreateRecoveryCodeAsync).WithName("CreateRecoveryCode")
            .WithSummary("Makes a new recovery code (shown only in this response) and replaces any earlier one.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/recovery/restore", RestoreAsync).WithName("RestoreKeyList").RequireRateLimit(LimitedAction.SignIn)
            .WithSummary("Writes the key list back to the provider from the recovery code, and answers a new token that can open your notes.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/", DeleteAsync).WithName("DeleteMe")
            .WithSummary($"Deletes your account: the key list on the provider, Reasonable's access to it, and every note. Send {{\"confirm\": \"{DeleteConfirmation}\"}}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetAsync(
        CurrentUser current, UserRepository users, ProviderDirectory providers, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(current.UserId, cancellationToken);
        var session = current.Session;
        if (user is null)
        {
            return Problems.NotFound("user");
        }

        var handle = current.Keys is { } keys ? SignInService.OpenHandle(keys, user) : null;
        return TypedResults.Ok(new MeResponse(
            user.Id,
            user.Provider,
            handle,
            user.KeyStatus,
            KeyStatusHelp(user.KeyStatus, current.Keys is not null, providers.Find(user.Provider)),
            current.Keys is not null,
            user.RecoveryKeyCiphertext is not null,
            user.RecoveryCreatedAt,
            user.CreatedAt,
            new CurrentSessionResponse(session.Id, session.Kind, session.CreatedAt, session.ExpiresAt)));
    }

    private static async Task<Results<Ok<RecoveryCodeResponse>, ProblemHttpResult>> CreateRecoveryCodeAsync(
        CurrentUser current, ProviderDirectory providers, KeyListService keyLists, RecoveryService recovery, CancellationToken cancellationToken)
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
        try
        {
            return await recovery.CreateCodeAsync(locked, cancellationToken) is { } created
                ? TypedResults.Ok(new RecoveryCodeResponse(created.Code, created.CreatedAt))
                : Problems.Conflict(
                    "key-list-needs-attention",
                    "Your key list needs attention",
                    $"Your key list ({provider.KeySlotName}) on {provider.Info.DisplayName} was changed since you signed in, so a recovery code cannot be made from it. GET /api/me says what to do.");
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Info.DisplayName);
        }
    }

    private static async Task<Results<Ok<RestoredSessionResponse>, ProblemHttpResult>> RestoreAsync(
        RestoreRequest request,
        HttpContext http,
        CurrentUser current,
        ProviderDirectory providers,
        KeyListService keyLists,
        RecoveryService recovery,
        AuthOptions options,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RecoveryCode) || RecoveryCode.Normalize(request.RecoveryCode).Length == 0)
        {
            return Problems.Invalid("recoveryCode", "Enter the recovery code you saved: 28 letters and digits, dashes optional.");
        }

        await using var locked = await keyLists.LockUserAsync(current.UserId, providers, cancellationToken);
        if (locked is null)
        {
            return Problems.NotFound("user");
        }

        RestoreResult result;
        try
        {
            result = await recovery.RestoreAsync(locked, request.RecoveryCode, current.SessionId, cancellationToken);
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, locked.Provider.Info.DisplayName);
        }

        switch (result)
        {
            case { Token: { } token } when SessionCookie.Read(http.Request) is not null:
                // The web app's session lives in its cookie: the new one replaces it there, never in the body.
                SessionCookie.Set(http.Response, options, token, persistent: false);
                return TypedResults.Ok(new RestoredSessionResponse(null, token.ExpiresAt));
            case { Token: { } token }:
                return TypedResults.Ok(new RestoredSessionResponse(token.Token, token.ExpiresAt));
            case { Failure: RestoreFailure.NoCode }:
                return Problems.Conflict("no-recovery-code", "No recovery code was set up", "This account has no recovery code, so the key list cannot be restored from one.");
            case { Failure: RestoreFailure.OutOfDate }:
                return Problems.Conflict("recovery-code-out-of-date", "This recovery code is out of date", "The code matches, but your keys were rotated after it was made. Use the newest recovery code.");
            default:
                return Problems.Invalid("recoveryCode", "That recovery code does not match this account. Check it for typos; letters and digits only, dashes optional.");
        }
    }

    private static async Task<Results<Ok<DeletedAccountResponse>, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest? request,
        CurrentUser current,
        ProviderDirectory providers,
        KeyListService keyLists,
        UserDeletionService deletion,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(request?.Confirm?.Trim(), DeleteConfirmation, StringComparison.Ordinal))
        {
            return Problems.Invalid("confirm", $"Deleting your account removes every note for good. To go ahead, send {{\"confirm\": \"{DeleteConfirmation}\"}}.");
        }

        await using var locked = await keyLists.LockUserAsync(current.UserId, providers, cancellationToken);
        if (locked is null)
        {
            return Problems.NotFound("user");
        }

        try
        {
            var deleted = await deletion.DeleteAsync(locked, cancellationToken);
            return TypedResults.Ok(new DeletedAccountResponse(deleted.KeyListDeleted, deleted.KeyListLeft, deleted.AccessRevoked, DeletionSummary(locked.Provider, deleted)));
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, locked.Provider.Info.DisplayName);
        }
    }

    private static string DeletionSummary(ISocialProvider provider, UserDeletion deleted)
    {
        var name = provider.Info.DisplayName;
        var summary = "Your account, notes, sessions and tokens are deleted.";
        if (deleted.KeyListLeft)
        {
            summary += $" {name} would not let us remove {provider.KeySlotName}; the key in it opens nothing now, and you can delete it on {name}.";
        }

        if (!deleted.AccessRevoked)
        {
            summary += $" {name} did not confirm that Reasonable's access was withdrawn; you can remove Reasonable from the apps allowed to use your account, in your {name} settings.";
        }

        return summary;
    }

    private static string? KeyStatusHelp(string status, bool keysAvailable, ISocialProvider? provider)
    {
        var name = provider?.Info.DisplayName ?? "your provider";
        var slot = provider?.KeySlotName ?? $"the private list \"{KeyListName.Value}\"";
        return status switch
        {
            KeyStatuses.Active when keysAvailable => null,
            KeyStatuses.Active => "Your key list is back. Sign in again to open your notes.",
            KeyStatuses.Missing => $"Your key list ({slot}) is gone from your {name} account (deleted or renamed), and it holds the key to your notes. Restore it with your recovery code, or undo the change on {name} and sign in again.",
            KeyStatuses.Edited => $"Your key list ({slot}) on {name} was changed, and it held the key to your notes. Restore it with your recovery code, or change it back and sign in again.",
            _ => $"Your key list ({slot}) on {name} holds a key that does not open your notes (it may come from another copy of Reasonable). Restore it with your recovery code.",
        };
    }
}

/// <summary>The signed-in user. <c>handle</c> is null while the notes cannot be opened.</summary>
public sealed record MeResponse(
    Guid Id,
    string Provider,
    string? Handle,
    string KeyStatus,
    string? KeyStatusHelp,
    bool KeysAvailable,
    bool RecoveryConfigured,
    DateTimeOffset? RecoveryCreatedAt,
    DateTimeOffset CreatedAt,
    CurrentSessionResponse Session);

/// <summary>The session or personal access token that made the request.</summary>
public sealed record CurrentSessionResponse(Guid Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A new recovery code. It is shown only here: store it somewhere safe, away from your social account.</summary>
public sealed record RecoveryCodeResponse(string RecoveryCode, DateTimeOffset CreatedAt);

/// <summary>The recovery code saved at sign-up (dashes and case do not matter).</summary>
public sealed record RestoreRequest([property: Required] string? RecoveryCode);

/// <summary>
/// The new session after a restore, which can open the notes: its bearer token, or null when the request came with the
/// web app's session cookie (the new session then replaces it there, never in the body).
/// </summary>
public sealed record RestoredSessionResponse(string? Token, DateTimeOffset ExpiresAt);
