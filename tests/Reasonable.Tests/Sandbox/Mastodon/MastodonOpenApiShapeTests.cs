using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>The sandbox's bodies validate against Mastodon's own OpenAPI document, member names included.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonOpenApiShapeTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private static readonly OpenApiShape Shape = OpenApiShape.ForMastodon();

    [Theory]
    [InlineData("/api/v1/accounts/verify_credentials", "/api/v1/accounts/verify_credentials")]
    [InlineData("/api/v1/blocks?limit=80", "/api/v1/blocks")]
    [InlineData("/api/v1/mutes?limit=80", "/api/v1/mutes")]
    [InlineData("/api/v1/accounts/109000000000000001/following?limit=80", "/api/v1/accounts/{id}/following")]
    [InlineData("/api/v1/accounts/109000000000000004", "/api/v1/accounts/{id}")]
    [InlineData("/api/v1/accounts/109001000000000005", "/api/v1/accounts/{id}")]
    [InlineData("/api/v1/accounts/lookup?acct=carol@social.example", "/api/v1/accounts/lookup")]
    [InlineData("/api/v1/accounts/relationships?id[]=109001000000000001&id[]=109000000000000002", "/api/v1/accounts/relationships")]
    [InlineData("/api/v1/lists", "/api/v1/lists")]
    [InlineData("/api/v1/lists/101", "/api/v1/lists/{id}")]
    [InlineData("/api/v2/instance", "/api/v2/instance")]
    [InlineData("/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server")]
    [InlineData("/api/v1/apps/verify_credentials", "/api/v1/apps/verify_credentials")]
    public async Task Get_Responses_MatchMastodonsOpenApi(string url, string route)
    {
        var body = await Mastodon.GetJsonAsync(Sandbox.Fedi, url, AliceToken);

        AssertValid(Shape.ValidateResponse("get", route, 200, body), body);
    }

    [Fact]
    public async Task Writes_MatchMastodonsOpenApi()
    {
        using var app = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/apps", null, ("client_name", "shape"), ("redirect_uris", MastodonSandboxClient.RedirectUri), ("website", "https://reasonable.example"));
        using var list = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", "shape"));
        using var note = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.BobId}/note", AliceToken, ("comment", "n"));
        using var mute = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.LongNameId}/mute", AliceToken, ("duration", "60"));
        using var block = await Mastodon.PostFormAsync(Sandbox.Fedi, $"/api/v1/accounts/{SeedAccounts.LongNameId}/block", AliceToken);

        await AssertResponseAsync(app, "post", "/api/v1/apps");
        await AssertResponseAsync(list, "post", "/api/v1/lists");
        await AssertResponseAsync(note, "post", "/api/v1/accounts/{id}/note");
        await AssertResponseAsync(mute, "post", "/api/v1/accounts/{id}/mute");
        await AssertResponseAsync(block, "post", "/api/v1/accounts/{id}/block");
    }

    [Fact]
    public async Task TokenAndErrors_MatchMastodonsOpenApi()
    {
        var app = await Mastodon.RegisterAppAsync(Sandbox.Fedi);
        var code = await Mastodon.AuthorizeAsync(Sandbox.Fedi, app.ClientId, SeedAccounts.AliceId);
        using var token = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);
        using var reused = await Mastodon.ExchangeAsync(Sandbox.Fedi, app, code, null);
        using var unauthorized = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/blocks", "nope");
        using var notFound = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/lists/999", AliceToken);

        await AssertResponseAsync(token, "post", "/oauth/token");
        await AssertResponseAsync(reused, "post", "/oauth/token", 400);
        await AssertResponseAsync(unauthorized, "get", "/api/v1/blocks", 401);
        await AssertResponseAsync(notFound, "get", "/api/v1/lists/{id}", 404);
    }

    [Theory]
    [InlineData("{\"id\":1,\"username\":\"a\"}")]
    [InlineData("{\"id\":\"1\",\"title\":\"t\",\"replies_policy\":\"everyone\",\"exclusive\":false}")]
    [InlineData("{\"id\":\"1\",\"title\":\"t\",\"replies_policy\":\"list\",\"exclusive\":false,\"titel\":\"x\"}")]
    [InlineData("{\"id\":\"1\",\"title\":null,\"replies_policy\":\"list\",\"exclusive\":false}")]
    public void Validator_Catches_WrongShapes(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.NotEmpty(Shape.ValidateResponse("get", "/api/v1/lists/{id}", 200, document.RootElement));
    }

    private static async Task AssertResponseAsync(HttpResponseMessage response, string method, string route, int status = 200)
    {
        var body = await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)status);
        AssertValid(Shape.ValidateResponse(method, route, status, body), body);
    }

    private static void AssertValid(IReadOnlyList<string> errors, JsonElement body) =>
        Assert.True(errors.Count == 0, $"{string.Join("\n", errors.Take(20))}\nbody: {body.ToString()[..Math.Min(2000, body.ToString().Length)]}");
}
