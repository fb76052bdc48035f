using System.Security.Cryptography;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>Request tokens, access tokens and remembered approvals, all in memory behind one lock.</summary>
public sealed class TokenStore(SandboxClock clock, SandboxOptions options)
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock gate = new();
    private readonly Dictionary<string, RequestToken> requestTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<(string ConsumerKey, string UserId)> approvals = [];

    public RequestToken IssueRequestToken(string callback, string consumerKey)
    {
        var token = new RequestToken(Random(43), Random(40), callback, consumerKey, clock.GetUtcNow() + options.RequestTokenLifetime);
        lock (gate)
        {
            requestTokens[token.Token] = token;
        }

        return token;
    }

    /// <summary>A request token still waiting for the user's answer, or null (unknown, expired, answered, used).</summary>
    public RequestToken? FindPending(string? token)
    {
        lock (gate)
        {
            return Live(token) is { Status: RequestTokenStatus.Pending } pending ? pending : null;
        }
    }

    /// <summary>A request token the user approved and nobody exchanged yet, or null.</summary>
    public RequestToken? FindAuthorized(string? token)
    {
        lock (gate)
        {
            return Live(token) is { Status: RequestTokenStatus.Authorized } authorized ? authorized : null;
        }
    }

    public bool Approve(RequestToken token, string userId)
    {
        lock (gate)
        {
            if (token.Status != RequestTokenStatus.Pending)
            {
                return false;
            }

            token.Status = RequestTokenStatus.Authorized;
            token.UserId = userId;
            token.Verifier = Random(40);
            approvals.Add((token.ConsumerKey, userId));
            return true;
        }
    }

    public bool Deny(RequestToken token)
    {
        lock (gate)
        {
            if (token.Status != RequestTokenStatus.Pending)
            {
                return false;
            }

            token.Status = RequestTokenStatus.Denied;
            return true;
        }
    }

    public bool HasApproved(string consumerKey, string userId)
    {
        lock (gate)
        {
            return approvals.Contains((consumerKey, userId));
        }
    }

    /// <summary>Marks the token used; only the first caller gets true, so two racing exchanges cannot both succeed.</summary>
    public bool Consume(RequestToken token)
    {
        lock (gate)
        {
            if (token.Status != RequestTokenStatus.Authorized)
            {
                return false;
            }

            token.Status = RequestTokenStatus.Used;
            requestTokens.Remove(token.Token);
            return true;
        }
    }

    public AccessToken IssueAccessToken(string userId, string consumerKey)
    {
        // X's access tokens start with the numeric user id and a dash; clients sometimes rely on it.
        var token = new AccessToken($"{userId}-{Random(40)}", Random(45), userId, consumerKey);
        lock (gate)
        {
            accessTokens[token.Token] = token;
        }

        return token;
    }

    public AccessToken? FindAccessToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        lock (gate)
        {
            return accessTokens.GetValueOrDefault(token);
        }
    }

    public bool Revoke(string token)
    {
        lock (gate)
        {
            return accessTokens.Remove(token);
        }
    }

    /// <summary>Revokes every access token of a user (the user removed the app on X) and forgets their approvals.</summary>
    public int RevokeAll(string userId)
    {
        lock (gate)
        {
            var tokens = accessTokens.Values.Where(t => t.UserId == userId).Select(t => t.Token).ToList();
            foreach (var token in tokens)
            {
                accessTokens.Remove(token);
            }

            approvals.RemoveWhere(a => a.UserId == userId);
            return tokens.Count;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            requestTokens.Clear();
            accessTokens.Clear();
            approvals.Clear();
        }
    }

    private RequestToken? Live(string? token)
    {
        if (token is null || !requestTokens.TryGetValue(token, out var found))
        {
            return null;
        }

        if (found.ExpiresAt <= clock.GetUtcNow())
        {
            requestTokens.Remove(token);
            return null;
        }

        return found;
    }

    private static string Random(int length) => RandomNumberGenerator.GetString(TokenAlphabet, length);
}
