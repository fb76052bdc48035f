using Reasonable.Api.Data;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Auth;

/// <summary>
/// A user whose key lock is held (<see cref="KeyListService.LockUserAsync"/>): their row as read under the lock, their
/// provider, who they are there and the app's access to their account. Disposing releases the lock.
/// </summary>
public sealed class LockedUser(UserRow user, ISocialProvider provider, ProviderAccount account, ProviderAccess access, IAsyncDisposable userLock)
    : IAsyncDisposable
{
    public UserRow User { get; } = user;

    public ISocialProvider Provider { get; } = provider;

    public ProviderAccount Account { get; } = account;

    public ProviderAccess Access { get; } = access;

    public ValueTask DisposeAsync() => userLock.DisposeAsync();
}
