using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// The recovery code: making one from the key the user's key list holds, and writing the key list back from one. Both
/// run under the user's key lock (<see cref="KeyListService.LockUserAsync"/>); provider failures are thrown as
/// <see cref="ProviderException"/>.
/// </summary>
public sealed class RecoveryService(
    UserRepository users, UserKeyRepository userKeys, SessionRepository sessions, SessionIssuer issuer, KeyListService keyLists,
    MasterKeyRing ring, AuthOptions options, TimeProvider time)
{
    /// <summary>A new code, or null when the key list no longer holds the user's key (its status is then recorded).</summary>
    public async Task<(string Code, DateTimeOffset CreatedAt)?> CreateCodeAsync(LockedUser locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        var user = locked.User;
        // The key itself lives only on the provider: read it back rather than keep a copy anywhere.
        using var opening = await keyLists.OpenAsync(locked.Provider, locked.Access, locked.Account, user, cancellationToken);
        var now = time.GetUtcNow();
        if (opening.UserKey is not { } userKey)
        {
            await users.SetKeyStatusAsync(user.Id, opening.Status, now, cancellationToken);
            return null;
        }

        var code = RecoveryCode.Generate();
        await userKeys.SetRecoveryAsync(user.Id, RecoveryKey.Create(ring, code, user.Id, userKey), now, cancellationToken);
        return (code, now);
    }

    /// <summary>
    /// Opens the user's data keys with the code, writes the key list back when it no longer opens them, ends the
    /// session that asked (it holds no keys) and issues a browser session that holds them.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(LockedUser locked, string code, Guid askingSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        var user = locked.User;
        if (user.RecoveryPublicKey is null || user.RecoverySealedUserKey is null || user.RecoverySalt is null || user.RecoveryKeyCiphertext is null)
        {
            return RestoreResult.Failed(RestoreFailure.NoCode);
        }

        UserKey recovered;
        try
        {
            recovered = RecoveryKey.Open(ring, code, user.Id, (uint)user.UserKeyVersion, new RecoverySetup(user.RecoverySalt, user.RecoveryKeyCiphertext, user.RecoveryPublicKey, user.RecoverySealedUserKey));
        }
        catch (CiphertextException)
        {
            return RestoreResult.Failed(RestoreFailure.WrongCode);
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
                return RestoreResult.Failed(RestoreFailure.OutOfDate);
            }

            try
            {
                using (var opening = await keyLists.OpenAsync(locked.Provider, locked.Access, locked.Account, user, cancellationToken))
                {
                    if (opening.DataKeys is null)
                    {
                        await keyLists.WriteAsync(locked.Provider, locked.Access, locked.Account, recovered, opening.ListId, cancellationToken);
                    }
                }

                var now = time.GetUtcNow();
                await users.SetKeyStatusAsync(user.Id, KeyStatuses.Active, now, cancellationToken);
                await sessions.RevokeAsync(user.Id, askingSessionId, kind: null, now, cancellationToken);
                var session = await issuer.CreateAsync(user.Id, SessionRow.Browser, options.BrowserSessionLifetime, cancellationToken);
                return RestoreResult.Restored(issuer.Token(session, await issuer.WrapKeysAsync(session, dataKeys, cancellationToken)));
            }
            finally
            {
                dataKeys.ForEach(key => key.Dispose());
            }
        }
    }
}

/// <summary>Why a restore did not happen.</summary>
public enum RestoreFailure
{
    /// <summary>No recovery code was ever set up.</summary>
    NoCode,

    /// <summary>The code does not open this account's recovery key.</summary>
    WrongCode,

    /// <summary>The code opens, but the keys were rotated after it was made.</summary>
    OutOfDate,
}

/// <summary>A restore's new session token, or why there is none.</summary>
public sealed record RestoreResult(IssuedToken? Token, RestoreFailure? Failure)
{
    public static RestoreResult Restored(IssuedToken token) => new(token, null);

    public static RestoreResult Failed(RestoreFailure failure) => new(null, failure);
}
