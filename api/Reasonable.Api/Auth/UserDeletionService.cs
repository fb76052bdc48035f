using Reasonable.Api.Data;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Auth;

/// <summary>
/// Deleting a user for good: the key list on the provider, Reasonable's access to the account, then every row. A
/// provider failure that a retry may mend is thrown (<see cref="ProviderException"/>) before anything is deleted.
/// </summary>
public sealed class UserDeletionService(UserKeyRepository userKeys, ILogger<UserDeletionService> logger)
{
    /// <summary>Deletes the user whose key lock is held.</summary>
    public async Task<UserDeletion> DeleteAsync(LockedUser locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        var (provider, access) = (locked.Provider, locked.Access);
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

        var accessRevoked = true;
        try
        {
            await provider.RevokeAsync(access, cancellationToken);
        }
        catch (ProviderException exception)
        {
            logger.LogWarning("Could not revoke a deleted user's access on {Provider}: {Failure}.", provider.Name, exception.Failure);
            accessRevoked = false;
        }

        await userKeys.DeleteUserAsync(locked.User.Id, cancellationToken);
        return new UserDeletion(keyListDeleted, keyListLeft, accessRevoked);
    }
}

/// <summary>What deleting a user did on the provider: the key list removed (or left there), and access revoked.</summary>
public sealed record UserDeletion(bool KeyListDeleted, bool KeyListLeft, bool AccessRevoked);
