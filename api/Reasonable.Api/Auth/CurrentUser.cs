using Reasonable.Api.Data;
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

    /// <summary>The session row the token was checked against (loaded once, by token validation).</summary>
    public SessionRow Session { get; private set; } = null!;

    public Guid SessionId => Session.Id;

    public string SessionKind => Session.Kind;

    public UserKeyRing? Keys { get; private set; }

    internal void SignedIn(SessionRow session, UserKeyRing? keys)
    {
        userId = session.UserId;
        Session = session;
        Keys = keys;
    }

    public void Dispose() => Keys?.Dispose();
}
