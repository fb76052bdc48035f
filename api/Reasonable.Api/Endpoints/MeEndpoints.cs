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
        CurrentUser current, UserRepository users, UserKeyRepository userKeys, ProviderDirectory providers, KeyListService keyLists, MasterKeyRing ring, TimeProvider time, CancellationToken cancellationToken)
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

        var (user, provider) = (locked.User, locked.Provider);
        KeyListOpening opening;
        try
        {
            // The key itself lives only on the provider: read it back rather than keep a copy anywhere.
            opening = await keyLists.OpenAsync(provider, locked.Access, locked.Account, user, cancellationToken);
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Info.DisplayName);
        }

        using (opening)
        {
            var now = time.GetUtcNow();
            if (opening.UserKey is not { } userKey)
            {
                await users.SetKeyStatusAsync(user.Id, opening.Status, now, cancellationToken);
                return Problems.Conflict(
                    "key-list-needs-attention",
                    "Your key list needs attention",
                    $"Your key list ({provider.KeySlotName}) on {provider.Info.DisplayName} was changed since you signed in, so a recovery code cannot be made from it. GET /api/me says what to do.");
            }

            var code = RecoveryCode.Generate();
            await userKeys.SetRecoveryAsync(user.Id, RecoveryKey.Create(ring, code, user.Id, userKey), now, cancellationToken);
            return TypedResults.Ok(new RecoveryCodeResponse(code, now));
        }
    }

    private static async Task<Results<Ok<RestoredSessionResponse>, ProblemHttpResult>> RestoreAsync(
        RestoreRequest request,
        HttpContext http,
        CurrentUser current,
        UserRepository users,
        UserKeyRepository userKeys,
        SessionRepository sessions,
        SessionIssuer issuer,
        ProviderDirectory providers,
        KeyListService keyLists,
        MasterKeyRing ring,
        AuthOptions options,
        TimeProvider time,
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

        var (user, provider, account, access) = (locked.User, locked.Provider, locked.Account, locked.Access);
        if (user.RecoveryKeyCiphertext is null || user.RecoverySalt is null)
        {
            return Problems.Conflict("no-recovery-code", "No recovery code was set up", "This account has no recovery code, so the key list cannot be restored from one.");
        }

        var recovered = OpenRecoveryCode(ring, request.RecoveryCode, user);
        if (recovered is null)
        {
            return Problems.Invalid("recoveryCode", "That recovery code does not match this account. Check it for typos; letters and digits only, dashes optional.");
        }

        using (recovered)
        {
            List<DataKey> dataKeys;
            try
            {
                dataKeys = KeyListService.OpenDataKeys(recovered, user.Id, await users.DataKeysAsync(user.Id, cancellationToken));
            }
            catch (CiphertextException)
            {
                return Problems.Conflict("recovery-code-out-of-date", "This recovery code is out of date", "The code matches, but your keys were rotated after it was made. Use the newest recovery code.");
            }

            try
            {
                var now = time.GetUtcNow();
                try
                {
                    using var opening = await keyLists.OpenAsync(provider, access, account, user, cancellationToken);
                    if (opening.DataKeys is null)
                    {
                        await keyLists.WriteAsync(provider, access, account, recovered, opening.ListId, cancellationToken);
                    }

                    if (user.RecoveryPublicKey is null)
                    {
                        // An old-format code: now that we hold it, move it to the format that survives rotation.
                        await userKeys.SetRecoveryAsync(user.Id, RecoveryKey.Create(ring, request.RecoveryCode, user.Id, opening.UserKey ?? recovered), user.RecoveryCreatedAt ?? now, cancellationToken);
                    }
                }
                catch (ProviderException exception)
                {
                    return Problems.Provider(exception, provider.Info.DisplayName);
                }

                await users.SetKeyStatusAsync(user.Id, KeyStatuses.Active, now, cancellationToken);
                await sessions.RevokeAsync(user.Id, current.SessionId, kind: null, now, cancellationToken);
                var session = await issuer.CreateAsync(user.Id, SessionRow.Browser, options.BrowserSessionLifetime, cancellationToken);
                var token = issuer.Token(session, issuer.WrapKeys(session, dataKeys));
                if (SessionCookie.Read(http.Request) is not null)
                {
                    // The web app's session lives in its cookie: the new one replaces it there, never in the body.
                    SessionCookie.Set(http.Response, options, token, persistent: false);
                    return TypedResults.Ok(new RestoredSessionResponse(null, token.ExpiresAt));
                }

                return TypedResults.Ok(new RestoredSessionResponse(token.Token, token.ExpiresAt));
            }
            finally
            {
                dataKeys.ForEach(key => key.Dispose());
            }
        }
    }

    private static async Task<Results<Ok<DeletedAccountResponse>, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest? request,
        CurrentUser current,
        UserKeyRepository userKeys,
        ProviderDirectory providers,
        KeyListService keyLists,
        ILoggerFactory loggers,
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

        var (user, provider, account, access) = (locked.User, locked.Provider, locked.Account, locked.Access);
        var keyListDeleted = false;
        var keyListLeft = false;
        try
        {
            if (await provider.ReadKeySlotAsync(access, cancellationToken) is { } slot)
            {
                await provider.DeleteKeySlotAsync(access, slot.Id, cancellationToken);
                keyListDeleted = true;
            }
        }
        catch (ProviderException exception) when (exception.Failure is ProviderFailure.Revoked or ProviderFailure.Rejected)
        {
            // Retrying will not help, and once the rows are gone the key in the list opens nothing: delete anyway.
            keyListLeft = true;
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Info.DisplayName);
        }

        var accessRevoked = true;
        try
        {
            await provider.RevokeAsync(access, cancellationToken);
        }
        catch (ProviderException exception)
        {
            loggers.CreateLogger(typeof(MeEndpoints)).LogWarning("Could not revoke a deleted user's access on {Provider}: {Failure}.", provider.Name, exception.Failure);
            accessRevoked = false;
        }

        await userKeys.DeleteUserAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new DeletedAccountResponse(keyListDeleted, keyListLeft, accessRevoked, DeletionSummary(provider, keyListLeft, accessRevoked)));
    }

    private static string DeletionSummary(ISocialProvider provider, bool keyListLeft, bool accessRevoked)
    {
        var name = provider.Info.DisplayName;
        var summary = "Your account, notes, sessions and tokens are deleted.";
        if (keyListLeft)
        {
            summary += $" {name} would not let us remove {provider.KeySlotName}; the key in it opens nothing now, and you can delete it on {name}.";
        }

        if (!accessRevoked)
        {
            summary += $" {name} did not confirm that Reasonable's access was withdrawn; you can remove Reasonable from the apps allowed to use your account, in your {name} settings.";
        }

        return summary;
    }

    /// <summary>The user key the code opens (recovery key pair, or the legacy format); null when the code does not match.</summary>
    private static UserKey? OpenRecoveryCode(MasterKeyRing ring, string code, UserRow user)
    {
        try
        {
            return user.RecoveryPublicKey is null || user.RecoverySealedUserKey is null
                ? RecoveryCode.LegacyUnwrap(ring, code, user.RecoverySalt!, user.RecoveryKeyCiphertext!, user.Id)
                : RecoveryKey.Open(ring, code, user.Id, (uint)user.UserKeyVersion, new RecoverySetup(user.RecoverySalt!, user.RecoveryKeyCiphertext!, user.RecoveryPublicKey, user.RecoverySealedUserKey));
        }
        catch (CiphertextException)
        {
            return null;
        }
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
