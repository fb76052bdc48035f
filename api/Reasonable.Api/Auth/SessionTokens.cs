using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Issues the bearer tokens (JWT, HS256) and tells JwtBearer how to check them. The signing key is the JWT subkey
/// of a master key, named by <c>kid</c>, so tokens signed before a master-key rotation stay valid.
/// </summary>
public sealed class SessionTokens(MasterKeyRing ring)
{
    private readonly JsonWebTokenHandler handler = new();

    public string Issue(SessionRow session, string? wrappedKeys)
    {
        ArgumentNullException.ThrowIfNull(session);
        var claims = new Dictionary<string, object>
        {
            [SessionClaims.UserId] = session.UserId.ToString(),
            [SessionClaims.SessionId] = session.Id.ToString(),
            [SessionClaims.Kind] = session.Kind,
        };
        if (wrappedKeys is not null)
        {
            claims[SessionClaims.Keys] = wrappedKeys;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SessionClaims.Issuer,
            Audience = SessionClaims.Audience,
            Claims = claims,
            IssuedAt = session.CreatedAt.UtcDateTime,
            NotBefore = session.CreatedAt.UtcDateTime,
            Expires = session.ExpiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(ring.PrimaryKeyId), SecurityAlgorithms.HmacSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = SessionClaims.Issuer,
        ValidAudience = SessionClaims.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = SessionClaims.UserId,
        IssuerSigningKeyResolver = (_, _, keyId, _) =>
            uint.TryParse(keyId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ring.Contains(id) ? [SigningKey(id)] : [],
    };

    /// <summary>The user and session ids of a validated token, or null when either is missing or malformed.</summary>
    public static (Guid UserId, Guid SessionId)? ReadIds(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(SessionClaims.UserId), out var userId)
            && Guid.TryParse(principal.FindFirstValue(SessionClaims.SessionId), out var sessionId)
            ? (userId, sessionId)
            : null;
    }

    private SymmetricSecurityKey SigningKey(uint masterKeyId) =>
        new(ring.Subkey(ServerSubkey.JwtSigning, masterKeyId)) { KeyId = masterKeyId.ToString(CultureInfo.InvariantCulture) };
}
