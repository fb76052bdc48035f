using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Reads and writes the user's key list on their provider account, and opens their data keys with what it holds.
/// A missing, edited or foreign list is reported as a status, never replaced behind the user's back.
/// </summary>
public sealed class KeyListService(MasterKeyRing ring, AuthOptions options)
{
    public async Task<KeyListReading> ReadAsync(
        ISocialProvider provider, ProviderCredentials credentials, string providerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var list = await provider.FindOwnListAsync(credentials, providerUserId, KeyList.Name, cancellationToken);
        if (list is null)
        {
            return new KeyListReading(KeyStatuses.Missing, null, null);
        }

        var wrapped = KeyList.TryReadWrappedKey(list.Description);
        if (wrapped is null)
        {
            return new KeyListReading(KeyStatuses.Edited, list.Id, null);
        }

        try
        {
            return new KeyListReading(KeyStatuses.Active, list.Id, UserKey.Unwrap(ring, wrapped, provider.Name, providerUserId));
        }
        catch (CiphertextException)
        {
            return new KeyListReading(KeyStatuses.Undecryptable, list.Id, null);
        }
    }

    /// <summary>Writes <paramref name="userKey"/> into the list <paramref name="listId"/>, or a new private list; returns its id.</summary>
    public async Task<string> WriteAsync(
        ISocialProvider provider, ProviderCredentials credentials, string providerUserId, UserKey userKey, string? listId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(userKey);
        var description = KeyList.Describe(options.HelpUrl, userKey.Wrap(ring, provider.Name, providerUserId));
        if (listId is null)
        {
            return await provider.CreatePrivateListAsync(credentials, KeyList.Name, description, cancellationToken);
        }

        await provider.UpdateListAsync(credentials, listId, KeyList.Name, description, cancellationToken);
        return listId;
    }

    /// <summary>Every data key of the user, opened with their user key; throws <see cref="CiphertextException"/> if any does not open.</summary>
    public static List<DataKey> OpenDataKeys(UserKey userKey, Guid userId, IEnumerable<DataKeyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new List<DataKey>();
        try
        {
            foreach (var row in rows)
            {
                keys.Add(DataKey.Unwrap(userKey, userId, (uint)row.Version, row.WrappedKeyCiphertext));
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
