using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>The signed-in user: who they are, the state of their key list, and its recovery code.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetMe")
            .WithSummary("The signed-in user: handle, provider, key list status and whether a recovery code is set up.");
        group.MapPost("/recovery-code", CreateRecoveryCodeAsync).WithName("CreateRecoveryCode")
            .WithSummary("Makes a new recovery code (shown only in this response) and replaces any earlier one.");
        group.MapPost("/recovery/restore", RestoreAsync).WithName("RestoreKeyList").RequireRateLimiting(AuthEndpoints.SignInRateLimit)
            .WithSummary("Writes the key list back to the provider from the recovery code, and answers a new token that can open your notes.");
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetAsync(
        CurrentUser current, UserRepository users, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(current.UserId, cancellationToken);
        var session = current.Session;
        if (user is null)
        {
            return Problems.NotFound("user");
        }

        string? handle = null;
        if (current.Keys is { } keys && user.HandleCiphertext is { } handleCiphertext)
        {
            try
            {
                handle = keys.DecryptString(SignInService.HandleLocation(user.Id), handleCiphertext);
            }
            catch (CiphertextException)
            {
                handle = null; // shown as unknown; the next sign-in writes it again
            }
        }

        return TypedResults.Ok(new MeResponse(
            user.Id,
            user.Provider,
            handle,
            user.KeyStatus,
            KeyStatusHelp(user.KeyStatus, current.Keys is not null, user.Provider),
            current.Keys is not null,
            user.RecoveryKeyCiphertext is not null,
            user.RecoveryCreatedAt,
            user.CreatedAt,
            new CurrentSessionResponse(session.Id, session.Kind, session.CreatedAt, session.ExpiresAt)));
    }

    private static async Task<Results<Ok<RecoveryCodeResponse>, ProblemHttpResult>> CreateRecoveryCodeAsync(
        CurrentUser current, UserRepository users, ProviderDirectory providers, KeyListService keyLists, MasterKeyRing ring, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is null)
        {
            return Problems.KeysUnavailable();
        }

        var user = await users.FindAsync(current.UserId, cancellationToken);
        var provider = providers.Find(user?.Provider);
        if (user is null || provider is null)
        {
            return Problems.NotFound("user");
        }

        var (providerUserId, credentials) = StoredProviderAccess.Open(ring, user);
        KeyListReading reading;
        try
        {
            // The key itself lives only on the provider: read it back rather than keep a copy anywhere.
            reading = await keyLists.ReadAsync(provider, credentials, providerUserId, cancellationToken);
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Name);
        }

        var now = time.GetUtcNow();
        using var userKey = reading.UserKey;
        if (userKey is null || !OpensDataKeys(userKey, user.Id, await users.DataKeysAsync(user.Id, cancellationToken)))
        {
            await users.SetKeyStatusAsync(user.Id, userKey is null ? reading.Status : KeyStatuses.Undecryptable, now, cancellationToken);
            return Problems.Conflict(
                "key-list-needs-attention",
                "Your key list needs attention",
                $"Your key list on {ProviderNames.Display(provider.Name)} was changed since you signed in, so a recovery code cannot be made from it. GET /api/me says what to do.");
        }

        var code = RecoveryCode.Generate();
        var (salt, wrapped) = RecoveryCode.Wrap(ring, code, userKey, user.Id);
        await users.SetRecoveryAsync(user.Id, salt, wrapped, now, cancellationToken);
        return TypedResults.Ok(new RecoveryCodeResponse(code, now));
    }

    private static async Task<Results<Ok<SessionTokenResponse>, ProblemHttpResult>> RestoreAsync(
        RestoreRequest request,
        CurrentUser current,
        UserRepository users,
        SessionRepository sessions,
        SessionIssuer issuer,
        ProviderDirectory providers,
        KeyListService keyLists,
        MasterKeyRing ring,
        AuthOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(current.UserId, cancellationToken);
        var provider = providers.Find(user?.Provider);
        if (user is null || provider is null)
        {
            return Problems.NotFound("user");
        }

        if (user.RecoveryKeyCiphertext is null || user.RecoverySalt is null)
        {
            return Problems.Conflict("no-recovery-code", "No recovery code was set up", "This account has no recovery code, so the key list cannot be restored from one.");
        }

        if (string.IsNullOrWhiteSpace(request.RecoveryCode) || RecoveryCode.Normalize(request.RecoveryCode).Length == 0)
        {
            return Problems.Invalid("recoveryCode", "Enter the recovery code you saved: 28 letters and digits, dashes optional.");
        }

        UserKey userKey;
        try
        {
            userKey = RecoveryCode.Unwrap(ring, request.RecoveryCode, user.RecoverySalt, user.RecoveryKeyCiphertext, user.Id);
        }
        catch (CiphertextException)
        {
            return Problems.Invalid("recoveryCode", "That recovery code does not match this account. Check it for typos; letters and digits only, dashes optional.");
        }

        List<DataKey> dataKeys;
        var dataKeyRows = await users.DataKeysAsync(user.Id, cancellationToken);
        using (userKey)
        {
            try
            {
                dataKeys = KeyListService.OpenDataKeys(userKey, user.Id, dataKeyRows);
            }
            catch (CiphertextException)
            {
                return Problems.Conflict("recovery-code-out-of-date", "This recovery code is out of date", "The code matches, but your keys were rotated after it was made. Use the newest recovery code.");
            }

            try
            {
                var (providerUserId, credentials) = StoredProviderAccess.Open(ring, user);
                var reading = await keyLists.ReadAsync(provider, credentials, providerUserId, cancellationToken);
                using var listedKey = reading.UserKey;
                if (listedKey is null || !OpensDataKeys(listedKey, user.Id, dataKeyRows))
                {
                    await keyLists.WriteAsync(provider, credentials, providerUserId, userKey, reading.ListId, cancellationToken);
                }
            }
            catch (ProviderException exception)
            {
                dataKeys.ForEach(key => key.Dispose());
                return Problems.Provider(exception, provider.Name);
            }
        }

        try
        {
            var now = time.GetUtcNow();
            await users.SetKeyStatusAsync(user.Id, KeyStatuses.Active, now, cancellationToken);
            await sessions.RevokeAsync(user.Id, current.SessionId, kind: null, now, cancellationToken);
            var session = await issuer.CreateAsync(user.Id, SessionRow.Browser, options.BrowserSessionLifetime, cancellationToken);
            var token = issuer.Token(session, issuer.WrapKeys(session, dataKeys));
            return TypedResults.Ok(new SessionTokenResponse(token.Token, token.ExpiresAt));
        }
        finally
        {
            dataKeys.ForEach(key => key.Dispose());
        }
    }

    private static bool OpensDataKeys(UserKey userKey, Guid userId, IEnumerable<DataKeyRow> rows)
    {
        try
        {
            KeyListService.OpenDataKeys(userKey, userId, rows).ForEach(key => key.Dispose());
            return true;
        }
        catch (CiphertextException)
        {
            return false;
        }
    }

    private static string? KeyStatusHelp(string status, bool keysAvailable, string provider)
    {
        var name = ProviderNames.Display(provider);
        return status switch
        {
            KeyStatuses.Active when keysAvailable => null,
            KeyStatuses.Active => "Your key list is back. Sign in again to open your notes.",
            KeyStatuses.Missing => $"The private list \"{KeyList.Name}\" is gone from your {name} account, and it holds the key to your notes. Restore it with your recovery code, or undo the deletion on {name} and sign in again.",
            KeyStatuses.Edited => $"The description of your private list \"{KeyList.Name}\" on {name} was changed, and it held the key to your notes. Restore it with your recovery code, or change it back and sign in again.",
            _ => $"Your list \"{KeyList.Name}\" on {name} holds a key that does not open your notes (it may come from another copy of Reasonable). Restore it with your recovery code.",
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

/// <summary>A new recovery code. It is shown only here: store it somewhere safe, away from your X account.</summary>
public sealed record RecoveryCodeResponse(string RecoveryCode, DateTimeOffset CreatedAt);

/// <summary>The recovery code saved at sign-up (dashes and case do not matter).</summary>
public sealed record RestoreRequest(string? RecoveryCode);
