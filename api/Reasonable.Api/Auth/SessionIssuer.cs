using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>Creates session rows and the bearer tokens that carry their keys.</summary>
public sealed class SessionIssuer(SessionRepository sessions, SessionTokens tokens, MasterKeyRing ring, TimeProvider time)
{
    public async Task<SessionRow> CreateAsync(Guid userId, string kind, TimeSpan lifetime, CancellationToken cancellationToken, Guid? id = null, Ciphertext? name = null)
    {
        var now = time.GetUtcNow();
        var session = new SessionRow
        {
            Id = id ?? Guid.NewGuid(),
            UserId = userId,
            Kind = kind,
            NameCiphertext = name,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await sessions.CreateAsync(session, cancellationToken);
        return session;
    }

    /// <summary>The session's keys sealed for its token (null for a session without keys).</summary>
    public string? WrapKeys(SessionRow session, IReadOnlyCollection<DataKey>? dataKeys)
    {
        ArgumentNullException.ThrowIfNull(session);
        return dataKeys is null ? null : SessionKeys.Wrap(ring, session.Id, session.UserId, dataKeys);
    }

    public IssuedToken Token(SessionRow session, string? wrappedKeys)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new IssuedToken(session.Id, tokens.Issue(session, wrappedKeys), session.ExpiresAt);
    }
}
