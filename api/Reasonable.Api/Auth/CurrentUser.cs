using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Who is calling, for the length of one request: filled in once the bearer token and its session row check out.
/// <see cref="Keys"/> is the user's data keys, opened from the token; null while their key list needs attention.
/// </summary>
public sealed class CurrentUser : IDisposable
{
    private Guid? userId;

    public Guid UserId => userId ?? throw new InvalidOperationException("No authenticated user on this request.");

    public Guid SessionId { get; private set; }

    public string SessionKind { get; private set; } = string.Empty;

    public UserKeyRing? Keys { get; private set; }

    internal void SignedIn(Guid user, Guid session, string kind, UserKeyRing? keys)
    {
        userId = user;
        SessionId = session;
        SessionKind = kind;
        Keys = keys;
    }

    public void Dispose() => Keys?.Dispose();
}
