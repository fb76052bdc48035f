using System.Globalization;
using System.Net;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Mastodon's throttles: per token, per user, paging; their headers; switching them off and lowering them for tests.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonRateLimitTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    [Fact]
    public async Task EveryApiResponse_CarriesTheHeaders_WithAMicrosecondIsoReset()
    {
        using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);

        Assert.Equal("300", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("299", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = response.Headers.GetValues("X-RateLimit-Reset").Single();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", reset);
        var until = DateTimeOffset.Parse(reset, CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow;
        Assert.InRange(until, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task PerTokenLimit_Answers429_WithRemainingZero()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 3 });

        for (var i = 0; i < 3; i++)
        {
            using var ok = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", AliceToken);
            Assert.Equal((2 - i).ToString(CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refused = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/accounts/verify_credentials", AliceToken);
        Assert.Equal("{\"error\":\"Too many requests\"}", (await MastodonSandboxClient.ReadJsonAsync(refused, (HttpStatusCode)429)).GetRawText());
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.False(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Window_EndsWithTheClock()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 1 });
        using (await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken))
        {
        }

        using var refused = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 300 });
        using var later = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task PagingRequests_HaveTheirOwnBudget_AndTheHeadersShowTheTightest()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { paging = 2 });

        using var firstPage = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
        using var second = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?max_id=100200", AliceToken);
        using var third = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?since_id=100000", AliceToken);
        using var fourth = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks?min_id=1", AliceToken);
        using var unpaged = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);

        Assert.Equal("300", firstPage.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("2", second.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", second.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal((HttpStatusCode)429, fourth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unpaged.StatusCode);
    }

    [Fact]
    public async Task PerUserLimit_CoversAllTheUsersTokens()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_user = 2 });
        var second = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.AliceId, "read");

        using var a = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
        using var b = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", second);
        using var c = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", second);

        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal((HttpStatusCode)429, c.StatusCode);
    }

    [Fact]
    public async Task Switch_TurnsCountingOff_ButKeepsTheHeaders()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false, per_token = 1 });

        for (var i = 0; i < 3; i++)
        {
            using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
    }

    [Fact]
    public async Task Limits_ArePerInstance()
    {
        await Sandbox.ControlAsync(Sandbox.Social, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 1 });

        using var fedi = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", AliceToken);

        Assert.Equal("300", fedi.Headers.GetValues("X-RateLimit-Limit").Single());
    }
}
