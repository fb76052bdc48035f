using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// JwtBearer's hooks: a token whose signature and lifetime check out must also name a live session row of the
/// same user (so revocation is immediate), and its sealed keys must open for that session; they become the
/// request's <see cref="CurrentUser"/>. Failures answer 401 problem details that say what to do, never why in detail.
/// </summary>
public static class SessionValidation
{
    public static JwtBearerEvents Events { get; } = new()
    {
        OnMessageReceived = MessageReceivedAsync,
        OnTokenValidated = TokenValidatedAsync,
        OnChallenge = ChallengeAsync,
    };

    /// <summary>The web app's token comes in its HttpOnly cookie; an Authorization header, when there is one, wins.</summary>
    private static Task MessageReceivedAsync(MessageReceivedContext context)
    {
        context.Token ??= SessionCookie.Read(context.Request);
        return Task.CompletedTask;
    }

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var ids = context.Principal is null ? null : SessionTokens.ReadIds(context.Principal);
        if (ids is null)
        {
            context.Fail("The token names no session.");
            return;
        }

        var (userId, sessionId) = ids.Value;

        var time = services.GetRequiredService<TimeProvider>();
        var sessions = services.GetRequiredService<SessionRepository>();
        var session = await sessions.FindAsync(sessionId, context.HttpContext.RequestAborted);
        var now = time.GetUtcNow();
        if (session is null || session.UserId != userId || !session.IsLiveAt(now))
        {
            context.Fail("The session has ended.");
            return;
        }

        UserKeyRing? keys = null;
        var wrapped = context.Principal!.FindFirst(SessionClaims.Keys)?.Value;
        if (wrapped is not null)
        {
            try
            {
                keys = new UserKeyRing(userId, SessionKeys.Unwrap(services.GetRequiredService<MasterKeyRing>(), sessionId, userId, wrapped));
            }
            catch (CiphertextException)
            {
                context.Fail("The token's keys do not open.");
                return;
            }
        }

        services.GetRequiredService<CurrentUser>().SignedIn(session, keys);
        if (session.LastUsedAt is null || session.LastUsedAt < now - SessionRepository.TouchInterval)
        {
            // CancellationToken.None: a client that hangs up must not turn this bookkeeping into a logged failure.
            await sessions.TouchAsync(sessionId, now, CancellationToken.None);
        }
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure switch
        {
            null => "This request needs a bearer token or the web app's session cookie: sign in, or create a personal access token in settings.",
            SecurityTokenExpiredException => "Your session has expired. Sign in again.",
            _ => "Your session is not valid any more (it was signed out, revoked or expired). Sign in again.",
        };
        var response = context.Response;
        if (SessionCookie.Read(context.Request) is not null)
        {
            SessionCookie.Clear(response, context.HttpContext.RequestServices.GetRequiredService<AuthOptions>()); // a dead cookie is dropped
        }

        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
        response.ContentType = "application/problem+json";
        var problem = new Dictionary<string, object>
        {
            ["type"] = "/problems/sign-in-required",
            ["title"] = "Sign in required",
            ["status"] = 401,
            ["detail"] = detail,
        };
        await JsonSerializer.SerializeAsync(response.Body, problem, cancellationToken: context.HttpContext.RequestAborted);
    }
}
