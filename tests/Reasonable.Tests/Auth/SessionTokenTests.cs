using System.Buffers.Text;
using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>Bearer tokens: only a validly signed, unexpired token of a live session, carrying that session's keys, gets in.</summary>
[Collection(SignInTests.Name)]
public sealed class SessionTokenTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private readonly Browser browser = new(servers);

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => browser.Dispose();

    [Fact]
    public async Task NoToken_Is401_WithABearerChallengeAndAProblem()
    {
        using var response = await browser.SendAsync(HttpMethod.Get, "/api/me", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", null, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredToken_Is401_AndSaysItExpired()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        var (session, keys) = Read(token);
        var expired = new SessionTokens(servers.MasterKeys).Issue(
            session with { CreatedAt = DateTimeOffset.UtcNow.AddHours(-2), ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) }, keys);

        var problem = await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", expired, null, HttpStatusCode.Unauthorized);

        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task TamperedSignature_Is401()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", forged, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AlgNone_Is401()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var unsigned = $"{header}.{token.Split('.')[1]}.";

        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", unsigned, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenSignedByAnotherServer_Is401()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        var (session, keys) = Read(token);
        var otherServer = new SessionTokens(new MasterKeyRing([new MasterKey(servers.MasterKeys.PrimaryKeyId, Sodium.SodiumCore.GetRandomBytes(32))]));

        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", otherServer.Issue(session, keys), null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeysOfOneSession_InATokenForAnother_Is401()
    {
        var first = await browser.SignInAsync(SeedData.BobId);
        using var otherBrowser = new Browser(servers);
        var second = await otherBrowser.SignInAsync(SeedData.BobId);
        var (firstSession, firstKeys) = Read(first);
        var (secondSession, _) = Read(second);

        var swapped = new SessionTokens(servers.MasterKeys).Issue(secondSession, firstKeys);

        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", swapped, null, HttpStatusCode.Unauthorized);
        var unknownSession = new SessionTokens(servers.MasterKeys).Issue(firstSession with { Id = Guid.NewGuid() }, firstKeys);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", unknownSession, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_EndsThatSessionAtOnce_AndOnlyThatOne()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        using var otherBrowser = new Browser(servers);
        var other = await otherBrowser.SignInAsync(SeedData.BobId);

        using var logout = await browser.SendAsync(HttpMethod.Post, "/api/auth/logout", token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);
        await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", other, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task LogoutEverywhere_EndsEveryBrowserSession_ButNotPersonalTokens()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        using var otherBrowser = new Browser(servers);
        var other = await otherBrowser.SignInAsync(SeedData.BobId);
        var personal = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "cron" }, HttpStatusCode.Created)).GetProperty("token").GetString();

        var result = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/auth/logout-everywhere", other, null, HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("sessionsEnded").GetInt32());
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.Unauthorized);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", other, null, HttpStatusCode.Unauthorized);
        await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sessions_AreListed_AndOneCanBeEnded_ButNotSomeoneElses()
    {
        var token = await browser.SignInAsync(SeedData.BobId);
        using var otherBrowser = new Browser(servers);
        var other = await otherBrowser.SignInAsync(SeedData.BobId);
        using var strangerBrowser = new Browser(servers);
        var stranger = await strangerBrowser.SignInAsync(SeedData.CarolId);

        var sessions = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/sessions", token, null, HttpStatusCode.OK);
        Assert.Equal(2, sessions.GetArrayLength());
        Assert.Single(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        var otherId = Read(other).Session.Id;

        await browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/sessions/{otherId}", stranger, null, HttpStatusCode.NotFound, "/problems/not-found");
        await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", other, null, HttpStatusCode.OK);
        await browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/sessions/{Guid.NewGuid()}", token, null, HttpStatusCode.NotFound, "/problems/not-found");
        using var ended = await browser.SendAsync(HttpMethod.Delete, $"/api/sessions/{otherId}", token);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", other, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PersonalToken_Lifecycle_CreateUseListRevoke()
    {
        var token = await browser.SignInAsync(SeedData.BobId);

        var created = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "  nightly export  ", expiresInDays = 30 }, HttpStatusCode.Created);
        var personal = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetString();
        Assert.Equal("nightly export", created.GetProperty("name").GetString());
        Assert.InRange(created.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30.1));

        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.OK);
        Assert.Equal("personal_token", me.GetProperty("session").GetProperty("kind").GetString());
        Assert.Equal("bob", me.GetProperty("handle").GetString());
        var listed = Assert.Single((await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("token", out _), "a listed token never shows the token again");
        await browser.ExpectProblemAsync(HttpMethod.Post, "/api/tokens", personal, new { name = "from a token" }, HttpStatusCode.Forbidden, "/problems/browser-session-required");

        using var revoked = await browser.SendAsync(HttpMethod.Delete, $"/api/tokens/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", personal, null, HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).GetArrayLength());
        await browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/tokens/{id}", token, null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PersonalToken_OfAnotherUser_LooksMissing_AndKeepsWorking()
    {
        var owner = await browser.SignInAsync(SeedData.BobId);
        var created = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", owner, new { name = "bob's script" }, HttpStatusCode.Created);
        using var strangerBrowser = new Browser(servers);
        var stranger = await strangerBrowser.SignInAsync(SeedData.CarolId);

        var problem = await browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/tokens/{created.GetProperty("id").GetString()}", stranger, null, HttpStatusCode.NotFound);
        var missing = await browser.ExpectProblemAsync(HttpMethod.Delete, $"/api/tokens/{Guid.NewGuid()}", stranger, null, HttpStatusCode.NotFound);

        Assert.Equal(missing.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", stranger, null, HttpStatusCode.OK)).GetArrayLength());
        await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", created.GetProperty("token").GetString(), null, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"expiresInDays":5}""", "name")]
    [InlineData("""{"name":"ok","expiresInDays":0}""", "expiresInDays")]
    [InlineData("""{"name":"ok","expiresInDays":400}""", "expiresInDays")]
    public async Task PersonalToken_BadInput_IsA400NamingTheField(string body, string field)
    {
        var token = await browser.SignInAsync(SeedData.BobId);

        var problem = await browser.ExpectProblemAsync(HttpMethod.Post, "/api/tokens", token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name '{field}'");
        Assert.Equal(0, (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"name":"ok","scope":"admin"}""")]
    [InlineData("""{"name":"ok","expiresInDays":"soon"}""")]
    [InlineData("""{"name":""")]
    [InlineData("[]")]
    public async Task PersonalToken_UnreadableBody_IsA400Problem(string body)
    {
        var token = await browser.SignInAsync(SeedData.BobId);

        await browser.ExpectProblemAsync(HttpMethod.Post, "/api/tokens", token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");
        Assert.Equal(0, (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", token, null, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task SignInRoutes_AreRateLimited_PerAddress()
    {
        var environment = servers.Environment();
        environment["SIGN_IN_RATE_LIMIT"] = "3";
        await using var api = await ApiProcess.StartAsync(environment);
        using var client = new HttpClient(ApiContract.Around(new HttpClientHandler())) { BaseAddress = api.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsync(new Uri("/api/auth/session", UriKind.Relative), new StringContent("""{"code":"x"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var limited = await client.PostAsync(new Uri("/api/auth/session", UriKind.Relative), new StringContent("""{"code":"x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    /// <summary>The session a token names (as the server would rebuild it) and its sealed keys claim.</summary>
    private static (SessionRow Session, string? Keys) Read(string token)
    {
        var jwt = new JsonWebToken(token);
        var session = new SessionRow
        {
            Id = Guid.Parse(jwt.GetClaim(SessionClaims.SessionId).Value),
            UserId = Guid.Parse(jwt.Subject),
            Kind = jwt.GetClaim(SessionClaims.Kind).Value,
            CreatedAt = jwt.IssuedAt,
            ExpiresAt = jwt.ValidTo,
        };
        return (session, jwt.TryGetClaim(SessionClaims.Keys, out var keys) ? keys.Value : null);
    }
}
