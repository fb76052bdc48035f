using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Failure injection: the next N requests to a route answer the way an overloaded server or the network can.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonFaultTests(MastodonSandboxProcess sandbox) : IAsyncLifetime
{
    private readonly MastodonSandboxClient mastodon = new(sandbox);
    private string alice = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        alice = await mastodon.SignInAsync(sandbox.Fedi, SeedAccounts.AliceId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ServerError_AnswersTheNextNRequests_ThenRecovers()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/blocks", kind = "server_error", count = 2 });

        using var first = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
        using var second = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?limit=2", alice);
        using var third = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);

        Assert.Equal("Service Unavailable", (await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.ServiceUnavailable)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Faults_MatchSegmentWildcards_AndMethods_OnTheirInstanceOnly()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts/*/block", method = "POST", kind = "server_error", status = 500 });

        using var social = await mastodon.GetAsync(sandbox.Social, "/api/v1/accounts/lookup?acct=carol", null);
        using var get = await mastodon.GetAsync(sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}", alice);
        using var block = await mastodon.PostFormAsync(sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}/block", alice);

        Assert.Equal(HttpStatusCode.OK, social.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, block.StatusCode);
    }

    [Fact]
    public async Task Malformed_AnswersUnparsableJson()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/mutes", kind = "malformed" });

        using var response = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/mutes", alice);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task RateLimitFault_Answers429_WithAResetAhead()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api", kind = "rate_limit", reset_seconds = 60 });

        using var response = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/lists", alice);

        Assert.Equal("Too many requests", (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)429)).GetProperty("error").GetString());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = DateTimeOffset.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task Hang_OutlastsTheClientsTimeout()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/oauth/token", kind = "hang", delay_ms = 5000 });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostAsync(new Uri(sandbox.Fedi, "/oauth/token"), new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task ControlEndpoints_AreNeverFaulted_AndResetDisarms()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/", kind = "server_error", count = 5 });

        var armed = await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, "/_sandbox/faults");
        await sandbox.ResetAsync();
        using var after = await mastodon.GetAsync(sandbox.Fedi, "/api/v2/instance", null);

        Assert.Equal(1, armed.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
