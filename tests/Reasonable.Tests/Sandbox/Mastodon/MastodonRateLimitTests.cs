using System.Globalization;
using System.Net;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Mastodon's throttles: per token, per user, paging; their headers; switching them off and lowering them for tests.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonRateLimitTests(MastodonSandboxProcess sandbox) : IAsyncLifetime
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
    public async Task EveryApiResponse_CarriesTheHeaders_WithAMicrosecondIsoReset()
    {
        using var response = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);

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
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 3 });

        for (var i = 0; i < 3; i++)
        {
            using var ok = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/accounts/verify_credentials", alice);
            Assert.Equal((2 - i).ToString(CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var refused = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/accounts/verify_credentials", alice);
        Assert.Equal("{\"error\":\"Too many requests\"}", (await MastodonSandboxClient.ReadJsonAsync(refused, (HttpStatusCode)429)).GetRawText());
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.False(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Window_EndsWithTheClock()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 1 });
        using (await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice))
        {
        }

        using var refused = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/clock/advance", new { seconds = 300 });
        using var later = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task PagingRequests_HaveTheirOwnBudget_AndTheHeadersShowTheTightest()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { paging = 2 });

        using var firstPage = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
        using var second = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?max_id=100200", alice);
        using var third = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?since_id=100000", alice);
        using var fourth = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks?min_id=1", alice);
        using var unpaged = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);

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
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/rate-limits", new { per_user = 2 });
        var second = await mastodon.SignInAsync(sandbox.Fedi, SeedAccounts.AliceId, "read");

        using var a = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
        using var b = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", second);
        using var c = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", second);

        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal((HttpStatusCode)429, c.StatusCode);
    }

    [Fact]
    public async Task Switch_TurnsCountingOff_ButKeepsTheHeaders()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false, per_token = 1 });

        for (var i = 0; i < 3; i++)
        {
            using var response = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
    }

    [Fact]
    public async Task Limits_ArePerInstance()
    {
        await sandbox.ControlAsync(sandbox.Social, HttpMethod.Post, "/_sandbox/rate-limits", new { per_token = 1 });

        using var fedi = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/blocks", alice);

        Assert.Equal("300", fedi.Headers.GetValues("X-RateLimit-Limit").Single());
    }
}
