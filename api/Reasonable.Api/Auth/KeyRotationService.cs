using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Rotates a user's key (KEK) without touching their notes: every data key is wrapped by the next user key and
/// kept beside the current wrap (pending), the key list is rewritten, and only then do the pending wraps become
/// current. Whichever key the list holds after an interruption opens the data keys (<see cref="KeyListService.OpenAsync"/>).
/// </summary>
public sealed class KeyRotationService(
    UserRepository users, UserKeyRepository userKeys, KeyListService keyLists, TimeProvider time, ILogger<KeyRotationService> logger)
{
    /// <summary>Rotates the user key of a user whose key lock is held.</summary>
    public async Task<KeyRotationResult> RotateAsync(LockedUser locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        var (user, provider, account, access) = (locked.User, locked.Provider, locked.Account, locked.Access);
        using var opening = await keyLists.OpenAsync(provider, access, account, user, cancellationToken);
        if (opening.UserKey is not { } current || opening.DataKeys is not { } dataKeys)
        {
            await users.SetKeyStatusAsync(user.Id, opening.Status, time.GetUtcNow(), cancellationToken);
            return KeyRotationResult.KeyListNeedsAttention(opening.Status, time.GetUtcNow());
        }

        // Opening may have finished an interrupted rotation, which moves the version and reseals recovery: read again.
        user = await users.FindAsync(user.Id, cancellationToken) ?? throw new InvalidOperationException("The user was deleted while their lock was held.");
        using var next = UserKey.Generate(current.Version + 1);
        var wraps = dataKeys.Select(key => ((int)key.Version, key.Wrap(next, user.Id))).ToList();
        if (!await userKeys.StageRotationAsync(user.Id, (int)current.Version, (int)next.Version, wraps, time.GetUtcNow(), cancellationToken))
        {
            return KeyRotationResult.KeysChanged(time.GetUtcNow());
        }

        var pendingUser = user with { PendingUserKeyVersion = (int)next.Version };
        try
        {
            await keyLists.WriteAsync(provider, access, account, next, opening.ListId, cancellationToken);
        }
        catch (ProviderException exception)
        {
            if (!await WriteLandedAnywayAsync(provider, access, account, pendingUser, next.Version))
            {
                logger.LogWarning("User {UserId}'s key list could not be rewritten ({Failure}); the rotation did not happen.", user.Id, exception.Failure);
                throw;
            }
        }

        await keyLists.FinishRotationAsync(pendingUser, next, cancellationToken);
        var recovery = user.RecoveryPublicKey is not null ? RecoveryAfterRotation.Kept : RecoveryAfterRotation.None;
        return KeyRotationResult.Rotated((int)next.Version, time.GetUtcNow(), recovery);
    }

    /// <summary>
    /// After a failed write, reads the list back: a write that landed after all finishes the rotation. Otherwise the
    /// pending state stays, even when the list still holds the current key: the provider may yet apply the write it
    /// answered badly (a proxy timed out while the provider finished), and the list would then hold the pending key,
    /// which only the pending wraps open. Staying is harmless: whichever key the list holds opens the data keys, and
    /// the next rotation replaces the pending state.
    /// </summary>
    private async Task<bool> WriteLandedAnywayAsync(
        ISocialProvider provider, ProviderAccess access, ProviderAccount account, UserRow user, uint nextVersion)
    {
        try
        {
            var reading = await keyLists.ReadAsync(provider, access, account, CancellationToken.None);
            using var listed = reading.UserKey;
            if (listed?.Version == nextVersion)
            {
                return true;
            }
        }
        catch (ProviderException exception)
        {
            logger.LogWarning("User {UserId}'s key list could not be read back after a failed write ({Failure}); the rotation stays pending.", user.Id, exception.Failure);
        }

        return false;
    }
}
