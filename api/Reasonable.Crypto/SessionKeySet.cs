using System.Security.Cryptography;

namespace Reasonable.Crypto;

/// <summary>
/// What a session token's sealed keys hold: the user's data keys as of the session's start, and (for sessions made
/// since data keys can rotate) the secret key of the session's inbox (<see cref="SessionInbox"/>). Disposing zeroes both.
/// </summary>
public sealed class SessionKeySet(IReadOnlyList<DataKey> dataKeys, byte[]? inboxSecretKey) : IDisposable
{
    public IReadOnlyList<DataKey> DataKeys { get; } = dataKeys;

    public byte[]? InboxSecretKey { get; } = inboxSecretKey;

    public void Dispose()
    {
        foreach (var key in DataKeys)
        {
            key.Dispose();
        }

        CryptographicOperations.ZeroMemory(InboxSecretKey);
    }
}
