using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// Rotates a user's data key: makes the next version, wraps it by the user key from the key list (so a sign-in opens
/// it like every other), seals it to every live session's inbox (so they keep reading and writing without signing in
/// again), and starts re-encrypting the user's values under it. New writes use it from the moment it is committed.
/// </summary>
public sealed class DataKeyRotationService(
    UserRepository users, KeyListService keyLists, DataKeyRotationRepository rotations, DataKeyReencryption reencryption,
    MasterKeyRing ring, TimeProvider time, ILogger<DataKeyRotationService> logger)
{
    /// <summary>Rotates the data key of a user whose key lock is held; <paramref name="keys"/> are the request's.</summary>
    public async Task<DataKeyRotationResult> RotateAsync(LockedUser locked, UserKeyRing keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        ArgumentNullException.ThrowIfNull(keys);
        var userId = locked.User.Id;
        if (await rotations.FindAsync(userId, cancellationToken) is { FinishedAt: null })
        {
            return DataKeyRotationResult.AlreadyRunning;
        }

        using var opening = await keyLists.OpenAsync(locked.Provider, locked.Access, locked.Account, locked.User, cancellationToken);
        if (opening.UserKey is not { } userKey || opening.DataKeys is not { } dataKeys)
        {
            await users.SetKeyStatusAsync(userId, opening.Status, time.GetUtcNow(), cancellationToken);
            return DataKeyRotationResult.KeyListNeedsAttention;
        }

        // Opening may have finished an interrupted user-key rotation: read the row again.
        var user = await users.FindAsync(userId, cancellationToken) ?? throw new InvalidOperationException("The user was deleted while their lock was held.");
        if (user.PendingUserKeyVersion is not null)
        {
            return DataKeyRotationResult.UserKeyRotationUnfinished;
        }

        var current = dataKeys.Max(key => key.Version);
        if (keys.PrimaryVersion != current)
        {
            return DataKeyRotationResult.KeysChanged;
        }

        var now = time.GetUtcNow();
        var next = DataKey.Generate(current + 1);
        var inboxKeys = new List<(Guid, byte[])>();
        foreach (var (sessionId, publicKey) in await rotations.LiveInboxesAsync(userId, now, cancellationToken))
        {
            try
            {
                inboxKeys.Add((sessionId, SessionInbox.SealDataKey(ring, sessionId, userId, publicKey, next)));
            }
            catch (CiphertextException)
            {
                // Not sealed by this server for this session: it gets nothing, and must sign in again.
                logger.LogWarning("Session {SessionId}'s inbox key does not open; it is left out of the data-key rotation.", sessionId);
            }
        }

        var row = new DataKeyRow { UserId = userId, Version = (int)next.Version, WrappedKeyCiphertext = next.Wrap(userKey, userId), CreatedAt = now };
        if (!await rotations.StartAsync(row, (int)current, inboxKeys, now, cancellationToken))
        {
            next.Dispose();
            return DataKeyRotationResult.AlreadyRunning;
        }

        using var rotated = keys.With([next], keys.RetiredThrough);
        reencryption.EnsureRunning(rotated);
        logger.LogInformation("User {UserId}'s data key is now version {Version}; re-encryption started.", userId, next.Version);
        return DataKeyRotationResult.Started;
    }
}
