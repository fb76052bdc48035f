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

    /// <summary>
    /// The session's keys sealed for its token (null for a session without keys), with the secret key of a new inbox
    /// whose public key goes into the session row, so later data keys reach the session (<see cref="SessionInbox"/>).
    /// </summary>
    public async Task<string?> WrapKeysAsync(SessionRow session, IReadOnlyCollection<DataKey>? dataKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (dataKeys is null)
        {
            return null;
        }

        using var inbox = await CreateInboxAsync(session, cancellationToken);
        return SessionKeys.Wrap(ring, session.Id, session.UserId, dataKeys, inbox.SecretKey);
    }

    /// <inheritdoc cref="WrapKeysAsync(SessionRow, IReadOnlyCollection{DataKey}?, CancellationToken)"/>
    public async Task<string> WrapKeysAsync(SessionRow session, UserKeyRing keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(keys);
        using var inbox = await CreateInboxAsync(session, cancellationToken);
        return keys.WrapForSession(ring, session.Id, inbox.SecretKey);
    }

    private async Task<SessionInbox> CreateInboxAsync(SessionRow session, CancellationToken cancellationToken)
    {
        var inbox = SessionInbox.Create(ring, session.Id);
        await sessions.SetInboxAsync(session.Id, inbox.SealedPublicKey, cancellationToken);
        return inbox;
    }

    public IssuedToken Token(SessionRow session, string? wrappedKeys)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new IssuedToken(session.Id, tokens.Issue(session, wrappedKeys), session.ExpiresAt);
    }
}
