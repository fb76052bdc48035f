using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Keys;

/// <summary>
/// Reads the key list on the provider when the user looks at their key status, at most every <see cref="Interval"/>
/// per user (whoever asks, on whichever node), and records what it found: so Settings shows the list as it is, not
/// as it was at the last sign-in. Five minutes keeps it to 3 of the 15 key-list reads X allows a user per 15 minutes.
/// </summary>
public sealed class KeyListCheck(KeyListCheckRepository checks, KeyListService keyLists, UserRepository users, TimeProvider time, ILogger<KeyListCheck> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Checks the list now if the last check is older than <see cref="Interval"/>; null when the user is gone.</summary>
    public async Task<KeyListCheckOutcome?> CheckAsync(Guid userId, ProviderDirectory providers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (claimed, checkedAt) = await checks.ClaimAsync(userId, now, now - Interval, cancellationToken);
        if (!claimed)
        {
            return new KeyListCheckOutcome(KeyListCheckKind.Recent, checkedAt);
        }

        await using var locked = await keyLists.LockUserAsync(userId, providers, cancellationToken);
        if (locked is null)
        {
            return null;
        }

        try
        {
            // Opening also finishes a user-key rotation that an interruption left with the new key in the list.
            using var opening = await keyLists.OpenAsync(locked.Provider, locked.Access, locked.Account, locked.User, cancellationToken);
            if (opening.Status != locked.User.KeyStatus)
            {
                await users.SetKeyStatusAsync(userId, opening.Status, now, cancellationToken);
                logger.LogInformation("User {UserId}'s key list is now {KeyStatus}.", userId, opening.Status);
            }

            return new KeyListCheckOutcome(KeyListCheckKind.Now, checkedAt);
        }
        catch (ProviderException exception)
        {
            logger.LogWarning("User {UserId}'s key list could not be read ({Failure}); the status stays as last recorded.", userId, exception.Failure);
            return new KeyListCheckOutcome(KeyListCheckKind.Failed, checkedAt);
        }
    }
}
