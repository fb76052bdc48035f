using Microsoft.IdentityModel.JsonWebTokens;
using Reasonable.Api.Auth;
using Reasonable.Crypto;

namespace Reasonable.Tests.Support;

/// <summary>
/// The data keys inside a session token, opened with the test's own copy of the master key: lets a test seal rows
/// exactly as the API would (to set up data) or check what the database holds.
/// </summary>
public static class UserKeys
{
    public static UserKeyRing FromToken(MasterKeyRing masterKeys, string token)
    {
        var jwt = new JsonWebToken(token);
        var userId = Guid.Parse(jwt.Subject);
        var sessionId = Guid.Parse(jwt.GetClaim(SessionClaims.SessionId).Value);
        return new UserKeyRing(userId, SessionKeys.Unwrap(masterKeys, sessionId, userId, jwt.GetClaim(SessionClaims.Keys).Value));
    }

    public static Guid UserId(string token) => Guid.Parse(new JsonWebToken(token).Subject);
}
