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
public sealed class SandboxFaultTests(XSandboxProcess sandbox) : XSandboxTest(sandbox)
{
    [Fact]
    public async Task ServerError_AnswersTheNextNRequests_ThenRecovers()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users", kind = "server_error", count = 2, status = 503 });

        using var first = await X.GetAsync("/2/users/me", AliceToken);
        using var second = await X.GetAsync("/2/users/me", AliceToken);
        using var third = await X.GetAsync("/2/users/me", AliceToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task RateLimitFault_Answers429_WithResetInTheFuture()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/", kind = "rate_limit", reset_seconds = 60 });

        using var response = await X.GetAsync("/2/users/me", AliceToken);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("x-rate-limit-remaining").Single());
        var reset = long.Parse(response.Headers.GetValues("x-rate-limit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 50, 61);
    }

    [Fact]
    public async Task Malformed_AnswersUnparsableJson()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = $"/2/users/{Alice}/blocking", kind = "malformed" });

        using var response = await X.GetAsync($"/2/users/{Alice}/blocking", AliceToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Empty_AnswersAnEmptyBody()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "empty" });

        using var response = await X.GetAsync("/2/users/me", AliceToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Slow_DelaysThenAnswersNormally()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "slow", delay_ms = 400 });
        var watch = Stopwatch.StartNew();

        var json = await X.GetJsonAsync("/2/users/me", AliceToken);

        Assert.True(watch.ElapsedMilliseconds >= 380, $"took only {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Alice, json.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Faults_OnlyHitTheirPrefix_AndCanBeCleared()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/lists", kind = "server_error", count = 5 });

        using var unaffected = await X.GetAsync("/2/users/me", AliceToken);
        await X.ControlAsync(HttpMethod.Delete, "/_sandbox/faults");
        using var cleared = await X.GetAsync("/2/lists/1900000000000000001", AliceToken);

        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task ServerError_ConsumesNoNonce_SoTheRetriedRequestSucceeds()
    {
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users/me", kind = "server_error", status = 500 });
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow);

        using var failed = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, nonce: "retrynonce0000001", timestamp: timestamp);
        using var retried = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, nonce: "retrynonce0000001", timestamp: timestamp);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }
}
