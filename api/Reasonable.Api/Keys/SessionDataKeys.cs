using System.Security.Cryptography;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// Turns a token's sealed keys into the request's key ring. A token carries the data keys of its session's start;
/// data keys made since (by a data-key rotation) were sealed to the session's inbox and are opened here with the inbox
/// secret key from the same token. A token that cannot reach the user's newest data key (made before sessions had
/// inboxes, or in the instant a rotation started) gets no ring, so it must sign in again rather than write under an
/// old key. Retired data keys stay in the ring for the blind indexes but open nothing. While the user's values are
/// being re-encrypted, the request's keys resume that work in this process (<see cref="DataKeyReencryption"/>).
/// </summary>
public sealed class SessionDataKeys(DataKeyRotationRepository rotations, DataKeyReencryption reencryption)
{
    /// <summary>The ring for <paramref name="session"/> (read by <see cref="SessionRepository.FindAsync"/>), or null; takes ownership of <paramref name="set"/>.</summary>
    public async Task<UserKeyRing?> OpenAsync(SessionRow session, SessionKeySet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(set);
        var keys = set.DataKeys.ToList();
        try
        {
            var held = keys.Max(key => key.Version);
            var newest = (uint)(session.NewestDataKeyVersion ?? 0);
            if (held < newest)
            {
                if (set.InboxSecretKey is not { } secretKey)
                {
                    keys.ForEach(key => key.Dispose());
                    return null;
                }

                foreach (var (version, sealedKey) in await rotations.InboxKeysAsync(session.Id, (int)held, cancellationToken))
                {
                    keys.Add(SessionInbox.OpenDataKey(secretKey, session.Id, session.UserId, (uint)version, sealedKey));
                }

                if (keys.Max(key => key.Version) < newest)
                {
                    keys.ForEach(key => key.Dispose());
                    return null;
                }
            }
        }
        catch (CiphertextException)
        {
            keys.ForEach(key => key.Dispose());
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(set.InboxSecretKey);
        }

        var ring = new UserKeyRing(session.UserId, keys, (uint)(session.RetiredDataKeyVersion ?? 0));
        if (session.DataKeyRotationUnfinished)
        {
            reencryption.EnsureRunning(ring);
        }

        return ring;
    }
}
