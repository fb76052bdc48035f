using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>One instance's registered apps, authorization codes and access tokens (Doorkeeper's tables).</summary>
public sealed class OAuthStore
{
    private const long FirstAppId = 1_000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, OAuthApp> apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> tokens = new(StringComparer.Ordinal);
    private long nextAppId = FirstAppId;

    public void Reset()
    {
        lock (gate)
        {
            apps.Clear();
            codes.Clear();
            tokens.Clear();
            nextAppId = FirstAppId;
        }
    }

    public OAuthApp Register(string name, string? website, IReadOnlyList<string> redirectUris, IReadOnlyList<string> scopes)
    {
        lock (gate)
        {
            var app = new OAuthApp((nextAppId++).ToString(CultureInfo.InvariantCulture), name, website, redirectUris, scopes, Secrets.New(), Secrets.New());
            apps[app.ClientId] = app;
            return app;
        }
    }

    public OAuthApp? FindApp(string? clientId)
    {
        lock (gate)
        {
            return clientId is null ? null : apps.GetValueOrDefault(clientId);
        }
    }

    /// <summary>The app when the secret matches (constant-time), else null.</summary>
    public OAuthApp? Authenticate(string? clientId, string? clientSecret) =>
        FindApp(clientId) is { } app && Secrets.Same(app.ClientSecret, clientSecret) ? app : null;

    public AuthorizationCode IssueCode(string clientId, string userId, string redirectUri, IReadOnlyList<string> scopes, string? challenge, DateTimeOffset expiresAt)
    {
        lock (gate)
        {
            var code = new AuthorizationCode(Secrets.New(), clientId, userId, redirectUri, scopes, challenge, expiresAt);
            codes[code.Code] = code;
            return code;
        }
    }

    public AuthorizationCode? FindCode(string? code)
    {
        lock (gate)
        {
            return code is null ? null : codes.GetValueOrDefault(code);
        }
    }

    /// <summary>Uses the code up; false when another request already did.</summary>
    public bool ConsumeCode(string code)
    {
        lock (gate)
        {
            return codes.Remove(code);
        }
    }

    /// <summary>
    /// A token for the app, user and scopes — the live one they already have if any, since Mastodon turns on
    /// Doorkeeper's <c>reuse_access_token</c>.
    /// </summary>
    public AccessToken IssueToken(string clientId, string? userId, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        lock (gate)
        {
            var reusable = tokens.Values.FirstOrDefault(t => !t.Revoked && t.ClientId == clientId && t.UserId == userId && t.Scopes.SequenceEqual(scopes));
            if (reusable is not null)
            {
                return reusable;
            }

            var token = new AccessToken(Secrets.New(), clientId, userId, scopes, now);
            tokens[token.Token] = token;
            return token;
        }
    }

    /// <summary>The live token, or null when unknown or revoked.</summary>
    public AccessToken? FindLiveToken(string? token)
    {
        lock (gate)
        {
            return token is not null && tokens.TryGetValue(token, out var found) && !found.Revoked ? found : null;
        }
    }

    public AccessToken? FindToken(string? token)
    {
        lock (gate)
        {
            return token is null ? null : tokens.GetValueOrDefault(token);
        }
    }

    public void Revoke(string token)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(token, out var found))
            {
                tokens[token] = found with { Revoked = true };
            }
        }
    }

    /// <summary>Revokes every live token of the user, as removing the app under Settings → Authorized apps does; returns how many.</summary>
    public int RevokeAllOf(string userId)
    {
        lock (gate)
        {
            var live = tokens.Values.Where(t => !t.Revoked && t.UserId == userId).ToList();
            foreach (var token in live)
            {
                tokens[token.Token] = token with { Revoked = true };
            }

            return live.Count;
        }
    }

    public (int Apps, int Live, int Revoked) Counts()
    {
        lock (gate)
        {
            return (apps.Count, tokens.Values.Count(t => !t.Revoked), tokens.Values.Count(t => t.Revoked));
        }
    }

    public IReadOnlyList<OAuthApp> Apps()
    {
        lock (gate)
        {
            return [.. apps.Values.OrderBy(a => a.Id.Length).ThenBy(a => a.Id, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<AccessToken> Tokens()
    {
        lock (gate)
        {
            return [.. tokens.Values.OrderBy(t => t.CreatedAt)];
        }
    }
}
