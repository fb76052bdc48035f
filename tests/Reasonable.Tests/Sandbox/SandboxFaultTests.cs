using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

/// <summary>Failure injection: the next N requests under a path prefix fail the way X or the network can.</summary>
[Collection(SandboxTests.Name)]
public sealed class SandboxFaultTests(XSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedData.AliceId;
    private readonly XSandboxClient x = new(sandbox);
    private OAuthCredentials alice = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        alice = await x.SignInAsync(Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ServerError_AnswersTheNextNRequests_ThenRecovers()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users", kind = "server_error", count = 2, status = 503 });

        using var first = await x.GetAsync("/2/users/me", alice);
        using var second = await x.GetAsync("/2/users/me", alice);
        using var third = await x.GetAsync("/2/users/me", alice);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task RateLimitFault_Answers429_WithResetInTheFuture()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/", kind = "rate_limit", reset_seconds = 60 });

        using var response = await x.GetAsync("/2/users/me", alice);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("x-rate-limit-remaining").Single());
        var reset = long.Parse(response.Headers.GetValues("x-rate-limit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 50, 61);
    }

    [Fact]
    public async Task Malformed_AnswersUnparsableJson()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = $"/2/users/{Alice}/blocking", kind = "malformed" });

        using var response = await x.GetAsync($"/2/users/{Alice}/blocking", alice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Empty_AnswersAnEmptyBody()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "empty" });

        using var response = await x.GetAsync("/2/users/me", alice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Slow_DelaysThenAnswersNormally()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "slow", delay_ms = 400 });
        var watch = Stopwatch.StartNew();

        var json = await x.GetJsonAsync("/2/users/me", alice);

        Assert.True(watch.ElapsedMilliseconds >= 380, $"took only {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Alice, json.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Faults_OnlyHitTheirPrefix_AndCanBeCleared()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/lists", kind = "server_error", count = 5 });

        using var unaffected = await x.GetAsync("/2/users/me", alice);
        await x.ControlAsync(HttpMethod.Delete, "/_sandbox/faults");
        using var cleared = await x.GetAsync("/2/lists/1900000000000000001", alice);

        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task ServerError_ConsumesNoNonce_SoTheRetriedRequestSucceeds()
    {
        await x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "server_error", status = 500 });
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow);

        using var failed = await x.SendAsync(HttpMethod.Get, "/2/users/me", alice, nonce: "retrynonce0000001", timestamp: timestamp);
        using var retried = await x.SendAsync(HttpMethod.Get, "/2/users/me", alice, nonce: "retrynonce0000001", timestamp: timestamp);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }
}
