using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// What the user's key list opened: a status from <see cref="Data.KeyStatuses"/>, the list's id, and when it is
/// active, the user key it holds and the data keys that key opened. Disposing zeroes both.
/// </summary>
public sealed class KeyListOpening(string status, string? listId, UserKey? userKey, List<DataKey>? dataKeys) : IDisposable
{
    public string Status { get; } = status;

    public string? ListId { get; } = listId;

    public UserKey? UserKey { get; } = userKey;

    /// <summary>Every data key of the user; null unless <see cref="Status"/> is active.</summary>
    public List<DataKey>? DataKeys { get; } = dataKeys;

    public void Dispose()
    {
        UserKey?.Dispose();
        DataKeys?.ForEach(key => key.Dispose());
    }
}
