using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Failure injection: the next N requests to a route answer the way an overloaded server or the network can.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonFaultTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    [Fact]
    public async Task ServerError_AnswersTheNextNRequests_ThenRecovers()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/blocks", kind = "server_error", count = 2 });

        using var first = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
        using var second = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?limit=2", AliceToken);
        using var third = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);

        Assert.Equal("Service Unavailable", (await MastodonSandboxClient.ReadJsonAsync(first, HttpStatusCode.ServiceUnavailable)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Faults_MatchSegmentWildcards_AndMethods_OnTheirInstanceOnly()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts/*/block", method = "POST", kind = "server_error", status = 500 });

        using var social = await Mastodon.GetAsync(Sandbox.Social, "/api/v1/accounts/lookup?acct=carol", null);
        using var get = await Mastodon.GetAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}", AliceToken);
        using var block = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}/block", AliceToken);

        Assert.Equal(HttpStatusCode.OK, social.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, block.StatusCode);
    }

    [Fact]
    public async Task Malformed_AnswersUnparsableJson()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/mutes", kind = "malformed" });

        using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/mutes", AliceToken);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task RateLimitFault_Answers429_WithAResetAhead()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api", kind = "rate_limit", reset_seconds = 60 });

        using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken);

        Assert.Equal("Too many requests", (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)429)).GetProperty("error").GetString());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = DateTimeOffset.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task Hang_OutlastsTheClientsTimeout()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/oauth/token", kind = "hang", delay_ms = 5000 });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostAsync(new Uri(Sandbox.Fedi, "/oauth/token"), new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task ControlEndpoints_AreNeverFaulted_AndResetDisarms()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/", kind = "server_error", count = 5 });

        var armed = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, "/_sandbox/faults");
        await Sandbox.ResetAsync();
        using var after = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v2/instance", null);

        Assert.Equal(1, armed.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
