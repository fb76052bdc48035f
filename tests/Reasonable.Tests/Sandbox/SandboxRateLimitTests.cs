using System.Globalization;
using System.Net;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

[Collection(SandboxTests.Name)]
public sealed class SandboxRateLimitTests(XSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedData.AliceId;
    private const string Bob = SeedData.BobId;
    private readonly XSandboxClient x = new(sandbox);
    private OAuthCredentials alice = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        alice = await x.SignInAsync(Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Blocking_Allows15Requests_Then429WithHeaders_UntilTheWindowResets()
    {
        long reset = 0;
        for (var i = 1; i <= 15; i++)
        {
            using var response = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", alice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("15", Header(response, "x-rate-limit-limit"));
            Assert.Equal((15 - i).ToString(CultureInfo.InvariantCulture), Header(response, "x-rate-limit-remaining"));
            reset = long.Parse(Header(response, "x-rate-limit-reset"), CultureInfo.InvariantCulture);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(reset, now + 800, now + 901);

        using var limited = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", alice);
        Assert.Equal("0", Header(limited, "x-rate-limit-remaining"));
        Assert.Equal(reset.ToString(CultureInfo.InvariantCulture), Header(limited, "x-rate-limit-reset"));
        var problem = await XSandboxClient.ReadJsonAsync(limited, (HttpStatusCode)429);
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        await x.ControlAsync(HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 900 });

        using var afterReset = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", alice);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("14", Header(afterReset, "x-rate-limit-remaining"));
    }

    [Fact]
    public async Task RateLimit_IsPerUserAndPerEndpoint()
    {
        await ExhaustBlockingAsync(alice);
        var bob = await x.SignInAsync(Bob);

        using var aliceMe = await x.GetAsync("/2/users/me", alice);
        using var bobBlocking = await x.GetAsync($"/2/users/{Bob}/blocking", bob);

        Assert.Equal(HttpStatusCode.OK, aliceMe.StatusCode);
        Assert.Equal("75", Header(aliceMe, "x-rate-limit-limit"));
        Assert.Equal(HttpStatusCode.OK, bobBlocking.StatusCode);
    }

    [Fact]
    public async Task RateLimit_OnV1_AnswersCode88()
    {
        for (var i = 0; i < 75; i++)
        {
            using var ok = await x.GetAsync("/1.1/account/verify_credentials.json", alice);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await x.GetAsync("/1.1/account/verify_credentials.json", alice);

        await XSandboxClient.AssertV1ErrorAsync(limited, (HttpStatusCode)429, 88);
    }

    [Fact]
    public async Task RateLimits_SwitchedOff_NeverAnswer429_ButStillSendHeaders()
    {
        await x.ControlAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });

        for (var i = 0; i < 20; i++)
        {
            using var response = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", alice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("15", Header(response, "x-rate-limit-remaining"));
        }
    }

    [Fact]
    public async Task ControlRateLimitReset_ClearsExhaustedWindows()
    {
        await ExhaustBlockingAsync(alice);

        await x.ControlAsync(HttpMethod.Post, "/_sandbox/rate-limits/reset");

        using var response = await x.GetAsync($"/2/users/{Alice}/blocking", alice);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task ExhaustBlockingAsync(OAuthCredentials credentials)
    {
        for (var i = 0; i < 15; i++)
        {
            using var response = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", credentials);
        }

        using var limited = await x.GetAsync($"/2/users/{Alice}/blocking?max_results=1", credentials);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"missing {name} header");
}
