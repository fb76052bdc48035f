using System.Net;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Bearer tokens and scopes: the umbrella scope or the granular one, as each Mastodon controller lists them.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonScopeTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    [Theory]
    [InlineData("read:blocks", "/api/v1/blocks", HttpStatusCode.OK)]
    [InlineData("follow", "/api/v1/blocks", HttpStatusCode.OK)]
    [InlineData("read:mutes", "/api/v1/blocks", HttpStatusCode.Forbidden)]
    [InlineData("read:mutes", "/api/v1/mutes", HttpStatusCode.OK)]
    [InlineData("profile", "/api/v1/accounts/verify_credentials", HttpStatusCode.OK)]
    [InlineData("read:accounts", "/api/v1/accounts/verify_credentials", HttpStatusCode.OK)]
    [InlineData("read:lists", "/api/v1/accounts/verify_credentials", HttpStatusCode.Forbidden)]
    [InlineData("read:lists", "/api/v1/lists", HttpStatusCode.OK)]
    [InlineData("write:lists", "/api/v1/lists", HttpStatusCode.Forbidden)]
    [InlineData("read:follows", "/api/v1/accounts/relationships?id[]=109001000000000001", HttpStatusCode.OK)]
    [InlineData("read:accounts", "/api/v1/accounts/relationships?id[]=109001000000000001", HttpStatusCode.Forbidden)]
    [InlineData("read:accounts", "/api/v1/accounts/109000000000000001/following", HttpStatusCode.OK)]
    [InlineData("read:follows", "/api/v1/accounts/109000000000000001/following", HttpStatusCode.Forbidden)]
    public async Task Reads_NeedOneOfTheAcceptedScopes(string scope, string path, HttpStatusCode expected)
    {
        var token = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.AliceId, scope);

        using var response = await Mastodon.GetAsync(Sandbox.Fedi, path, token);
        var body = await MastodonSandboxClient.ReadJsonAsync(response, expected);

        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("This action is outside the authorized scopes", body.GetProperty("error").GetString());
        }
    }

    [Theory]
    [InlineData("write:blocks", "block", HttpStatusCode.OK)]
    [InlineData("write:mutes", "block", HttpStatusCode.Forbidden)]
    [InlineData("write:mutes", "mute", HttpStatusCode.OK)]
    [InlineData("write:follows", "follow", HttpStatusCode.OK)]
    [InlineData("follow", "unblock", HttpStatusCode.OK)]
    [InlineData("write", "unmute", HttpStatusCode.OK)]
    [InlineData("write:accounts", "note", HttpStatusCode.OK)]
    [InlineData("write:lists", "note", HttpStatusCode.Forbidden)]
    [InlineData("read", "block", HttpStatusCode.Forbidden)]
    public async Task Writes_NeedOneOfTheAcceptedScopes(string scope, string action, HttpStatusCode expected)
    {
        var token = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.AliceId, scope);

        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.LongNameId}/{action}", token);

        await MastodonSandboxClient.ReadJsonAsync(response, expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task MissingOrUnknownToken_Is401(string? token)
    {
        using var response = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", token);

        Assert.Equal("The access token is invalid", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Following_IsPublicWithoutAToken_ButAnUnknownTokenIs401()
    {
        using var anonymous = await Mastodon.GetAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.AliceId}/following", null);
        using var bogus = await Mastodon.GetAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.AliceId}/following", "bogus");

        Assert.Equal(40, (await MastodonSandboxClient.ReadJsonAsync(anonymous, HttpStatusCode.OK)).GetArrayLength());
        await MastodonSandboxClient.ReadJsonAsync(bogus, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownRoutes_AnswerMastodonsNotFound_NeverProblemJson()
    {
        using var unknown = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/statuses.json", null);
        using var wrongMethod = await Mastodon.SendAsync(HttpMethod.Delete, Sandbox.Fedi, "/api/v1/blocks", null);

        Assert.Equal("{\"error\":\"Not Found\"}", (await MastodonSandboxClient.ReadJsonAsync(unknown, HttpStatusCode.NotFound)).GetRawText());
        Assert.Equal("{\"error\":\"Not Found\"}", (await MastodonSandboxClient.ReadJsonAsync(wrongMethod, HttpStatusCode.NotFound)).GetRawText());
    }
}
