using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Reads and writes the user's key list on their provider account, and opens their data keys with what it holds.
/// A missing, edited or foreign list is reported as a status, never replaced behind the user's back. A list that
/// holds the user key of an unfinished rotation opens the pending wraps, and the rotation is finished then.
/// </summary>
public sealed class KeyListService(
    UserRepository users, UserKeyRepository userKeys, MasterKeyRing ring, AuthOptions options, TimeProvider time, ILogger<KeyListService> logger)
{
    /// <summary>
    /// Takes the user's key lock, which serialises everything that changes their keys or key list (sign-in, rotation,
    /// recovery, deletion) across nodes: the PostgreSQL advisory lock sign-in takes. Null when the user or their
    /// provider is gone. The row it returns is read under the lock.
    /// </summary>
    public async Task<LockedUser?> LockUserAsync(Guid userId, ProviderDirectory providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var user = await users.FindAsync(userId, cancellationToken);
        var provider = providers.Find(user?.Provider);
        if (user is null || provider is null)
        {
            return null;
        }

        var (account, access) = StoredProviderAccess.Open(ring, user, provider);
        var userLock = await users.LockSignInAsync(StoredProviderAccess.LookupHash(ring, provider.Name, account), cancellationToken);
        var locked = await users.FindAsync(userId, cancellationToken);
        if (locked is null)
        {
            await userLock.DisposeAsync();
            return null;
        }

        return new LockedUser(locked, provider, account, access, userLock);
    }

    /// <summary>
    /// Reads the key list and opens the user's data keys with it. Call under <see cref="LockUserAsync"/> with a users row
    /// read under it: a list holding the pending user key of an interrupted rotation finishes that rotation.
    /// </summary>
    public async Task<KeyListOpening> OpenAsync(
        ISocialProvider provider, ProviderAccess access, ProviderAccount account, UserRow user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reading = await ReadAsync(provider, access, account, cancellationToken);
        if (reading.UserKey is not { } userKey)
        {
            return new KeyListOpening(reading.Status, reading.ListId, null, null);
        }

        var rows = await users.DataKeysAsync(user.Id, cancellationToken);
        var pending = user.PendingUserKeyVersion is { } version && userKey.Version == (uint)version;
        List<DataKey> dataKeys;
        try
        {
            dataKeys = OpenDataKeys(userKey, user.Id, rows, pending);
        }
        catch (CiphertextException)
        {
            userKey.Dispose();
            return new KeyListOpening(KeyStatuses.Undecryptable, reading.ListId, null, null);
        }

        var opening = new KeyListOpening(KeyStatuses.Active, reading.ListId, userKey, dataKeys);
        if (pending)
        {
            try
            {
                await FinishRotationAsync(user, userKey, cancellationToken);
            }
            catch
            {
                opening.Dispose();
                throw;
            }
        }

        return opening;
    }

    /// <summary>
    /// The key list now holds <paramref name="userKey"/>, the pending version: make its wraps the current ones and
    /// seal it to the recovery public key, in one transaction. Call under <see cref="LockUserAsync"/>.
    /// </summary>
    public async Task FinishRotationAsync(UserRow user, UserKey userKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(userKey);
        byte[]? sealedUserKey = null;
        if (user.RecoveryPublicKey is { } publicKey)
        {
            try
            {
                sealedUserKey = RecoveryKey.SealUserKey(ring, user.Id, publicKey, userKey);
            }
            catch (CiphertextException)
            {
                logger.LogWarning("User {UserId}'s recovery public key was not sealed by this server; the recovery code is dropped.", user.Id);
            }
        }

        if (!await userKeys.FinishRotationAsync(user.Id, (int)userKey.Version, sealedUserKey, time.GetUtcNow(), cancellationToken))
        {
            throw new InvalidOperationException("The rotation to finish is no longer pending; was the user key lock held?");
        }

        logger.LogInformation("User {UserId}'s user key is now version {Version}.", user.Id, userKey.Version);
    }

    public async Task<KeyListReading> ReadAsync(
        ISocialProvider provider, ProviderAccess access, ProviderAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(account);
        var slot = await provider.ReadKeySlotAsync(access, cancellationToken);
        if (slot is null)
        {
            return new KeyListReading(KeyStatuses.Missing, null, null);
        }

        var wrapped = KeyListText.TryReadWrappedKey(slot.Text);
        if (wrapped is null)
        {
            return new KeyListReading(KeyStatuses.Edited, slot.Id, null);
        }

        try
        {
            return new KeyListReading(KeyStatuses.Active, slot.Id, UserKey.Unwrap(ring, wrapped, provider.Name, account.Instance, account.Id));
        }
        catch (CiphertextException)
        {
            return new KeyListReading(KeyStatuses.Undecryptable, slot.Id, null);
        }
    }

    /// <summary>Writes <paramref name="userKey"/> into the key slot <paramref name="listId"/>, or a new one; returns its id.</summary>
    public async Task<string> WriteAsync(
        ISocialProvider provider, ProviderAccess access, ProviderAccount account, UserKey userKey, string? listId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(userKey);
        var text = KeyListText.Format(options.HelpUrl, userKey.Wrap(ring, provider.Name, account.Instance, account.Id), provider.KeySlotCapacity);
        return await provider.WriteKeySlotAsync(access, listId, text, cancellationToken);
    }

    /// <summary>
    /// Every data key of the user, opened with their user key from the current wraps (or the <paramref name="pending"/>
    /// ones); throws <see cref="CiphertextException"/> if any does not open.
    /// </summary>
    public static List<DataKey> OpenDataKeys(UserKey userKey, Guid userId, IEnumerable<DataKeyRow> rows, bool pending = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new List<DataKey>();
        try
        {
            foreach (var row in rows)
            {
                var wrapped = (pending ? row.PendingWrappedKeyCiphertext : row.WrappedKeyCiphertext) ?? throw new CiphertextException(CiphertextFailure.Truncated);
                keys.Add(DataKey.Unwrap(userKey, userId, (uint)row.Version, wrapped));
            }
        }
        catch (CiphertextException)
        {
            keys.ForEach(key => key.Dispose());
            throw;
        }

        return keys;
    }
}
