using Reasonable.Api.Data;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Auth;

/// <summary>
/// A user whose key lock is held (<see cref="KeyListService.LockUserAsync"/>): their row as read under the lock, their
/// provider, and the provider id and credentials the server keeps for them. Disposing releases the lock.
/// </summary>
public sealed class LockedUser(UserRow user, ISocialProvider provider, string providerUserId, ProviderCredentials credentials, IAsyncDisposable userLock)
    : IAsyncDisposable
{
    public UserRow User { get; } = user;

    public ISocialProvider Provider { get; } = provider;

    public string ProviderUserId { get; } = providerUserId;

    public ProviderCredentials Credentials { get; } = credentials;

    public ValueTask DisposeAsync() => userLock.DisposeAsync();
}
