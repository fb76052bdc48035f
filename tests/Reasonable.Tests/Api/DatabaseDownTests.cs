using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>PostgreSQL going away under a running API: a 503 that says to retry, never a 500.</summary>
[Collection(PostgresTests.Name)]
public sealed class DatabaseDownTests(PostgresServer postgres)
{
    [Fact]
    public async Task DatabaseDown_Answers503ProblemsWithRetryAfter_AndPlainPagesForBrowsers()
    {
        var database = new NpgsqlConnectionStringBuilder(postgres.CreateDatabase());
        using var relay = new TcpRelay(database.Host!, database.Port);
        database.Host = "127.0.0.1";
        database.Port = relay.Port;
        var sealedMasterKey = DevelopmentKeys.NewSealedMasterKey();
        var now = DateTimeOffset.UtcNow;
        // Well signed, so only the session lookup, which needs the database, is left to decide.
        var token = new SessionTokens(new MasterKeyRing([SealedMasterKey.Open(sealedMasterKey, DevelopmentKeys.BuildKeys)])).Issue(
            new SessionRow { Id = Guid.NewGuid(), UserId = Guid.NewGuid(), Kind = SessionRow.Browser, CreatedAt = now, ExpiresAt = now.AddHours(1) }, null);
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = PostgresServer.ToUrl(database.ConnectionString),
            ["REASONABLE_MASTER_KEY"] = sealedMasterKey,
            ["X_CONSUMER_KEY"] = "unused",
            ["X_CONSUMER_SECRET"] = "unused",
        });

        relay.Cut();

        // The pool's connections broken by the cut, then new connections refused: both are "unavailable".
        var requests = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("a sign-in code exchange", () => Post("/api/auth/session", """{"code":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")),
            ("another sign-in code exchange", () => Post("/api/auth/session", """{"code":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")),
            ("a request with a token", () => Get("/api/me", token)),
        };
        foreach (var (name, make) in requests)
        {
            using var message = make();
            using var response = await api.Client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: expected 503 with the database down, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{name}: a 503 must say when to retry (Retry-After)");
            using var problem = JsonDocument.Parse(body);
            Assert.Equal("/problems/database-unavailable", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("Try again", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var callback = await api.Client.GetAsync(new Uri("/api/auth/x/callback?oauth_token=made-up&oauth_verifier=made-up", UriKind.Relative));
        Assert.True(callback.StatusCode == HttpStatusCode.ServiceUnavailable, $"sign-in callback: expected 503, got {(int)callback.StatusCode}");
        Assert.Equal("text/html", callback.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(callback.Headers.RetryAfter);

        using var health = await api.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    private static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Headers = { Authorization = new("Bearer", token) } };

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
