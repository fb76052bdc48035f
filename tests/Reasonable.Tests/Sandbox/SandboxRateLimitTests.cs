using System.Globalization;
using System.Net;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

[Collection(SandboxTests.Name)]
public sealed class SandboxRateLimitTests(XSandboxProcess sandbox) : XSandboxTest(sandbox)
{
    private const string Bob = SeedData.BobId;

    [Fact]
    public async Task Blocking_Allows15Requests_Then429WithHeaders_UntilTheWindowResets()
    {
        long reset = 0;
        for (var i = 1; i <= 15; i++)
        {
            using var response = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", AliceToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("15", Header(response, "x-rate-limit-limit"));
            Assert.Equal((15 - i).ToString(CultureInfo.InvariantCulture), Header(response, "x-rate-limit-remaining"));
            reset = long.Parse(Header(response, "x-rate-limit-reset"), CultureInfo.InvariantCulture);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(reset, now + 800, now + 901);

        using var limited = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", AliceToken);
        Assert.Equal("0", Header(limited, "x-rate-limit-remaining"));
        Assert.Equal(reset.ToString(CultureInfo.InvariantCulture), Header(limited, "x-rate-limit-reset"));
        var problem = await XSandboxClient.ReadJsonAsync(limited, (HttpStatusCode)429);
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        await X.ControlAsync(HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 900 });

        using var afterReset = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", AliceToken);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("14", Header(afterReset, "x-rate-limit-remaining"));
    }

    [Fact]
    public async Task RateLimit_IsPerUserAndPerEndpoint()
    {
        await ExhaustBlockingAsync(AliceToken);
        var bob = await X.SignInAsync(Bob);

        using var aliceMe = await X.GetAsync("/2/users/me", AliceToken);
        using var bobBlocking = await X.GetAsync($"/2/users/{Bob}/blocking", bob);

        Assert.Equal(HttpStatusCode.OK, aliceMe.StatusCode);
        Assert.Equal("75", Header(aliceMe, "x-rate-limit-limit"));
        Assert.Equal(HttpStatusCode.OK, bobBlocking.StatusCode);
    }

    [Fact]
    public async Task RateLimit_OnV1_AnswersCode88()
    {
        for (var i = 0; i < 75; i++)
        {
            using var ok = await X.GetAsync("/1.1/account/verify_credentials.json", AliceToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await X.GetAsync("/1.1/account/verify_credentials.json", AliceToken);

        await XSandboxClient.AssertV1ErrorAsync(limited, (HttpStatusCode)429, 88);
    }

    [Fact]
    public async Task RateLimits_SwitchedOff_NeverAnswer429_ButStillSendHeaders()
    {
        await X.ControlAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });

        for (var i = 0; i < 20; i++)
        {
            using var response = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", AliceToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("15", Header(response, "x-rate-limit-remaining"));
        }
    }

    [Fact]
    public async Task ControlRateLimitReset_ClearsExhaustedWindows()
    {
        await ExhaustBlockingAsync(AliceToken);

        await X.ControlAsync(HttpMethod.Post, "/_sandbox/rate-limits/reset");

        using var response = await X.GetAsync($"/2/users/{Alice}/blocking", AliceToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task ExhaustBlockingAsync(OAuthCredentials credentials)
    {
        for (var i = 0; i < 15; i++)
        {
            using var response = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", credentials);
        }

        using var limited = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=1", credentials);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"missing {name} header");
}
