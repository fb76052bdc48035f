using Reasonable.Api.Providers;
using Reasonable.Api.Auth;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Reasonable.Crypto;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>Signing in with X through the sandbox, over real HTTP, against the real API and PostgreSQL.</summary>
[Collection(SignInTests.Name)]
public sealed class SignInFlowTests(SignInServers servers) : StackTest(servers)
{
    [Fact]
    public async Task FirstSignIn_CreatesAPrivateKeyList_AndMeShowsTheHandle()
    {
        var token = await Browser.SignInAsync(SeedData.CarolId);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        Assert.Equal("carol", me.GetProperty("handle").GetString());
        Assert.Equal("x", me.GetProperty("provider").GetString());
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.True(me.GetProperty("keysAvailable").GetBoolean());
        Assert.False(me.GetProperty("recoveryConfigured").GetBoolean());
        Assert.Equal("browser", me.GetProperty("session").GetProperty("kind").GetString());

        var list = (await Servers.KeyListAsync(SeedData.CarolId))!.Value;
        Assert.True(list.GetProperty("private").GetBoolean(), "the key list must be private");
        var description = list.GetProperty("description").GetString()!;
        Assert.StartsWith($"Don't change! ➡️ {Browser.Api.AbsoluteUri}key-list ", description, StringComparison.Ordinal);
        Assert.True(KeyListText.CodePoints(description) <= 100, "X allows 100 code points of description");
        Assert.NotNull(KeyListText.TryReadWrappedKey(description));
    }

    [Fact]
    public async Task SecondSignIn_ReusesTheKeyList_AndOpensTheSameData()
    {
        var first = await Browser.SignInAsync(SeedData.DaveId);
        var listBefore = (await Servers.KeyListAsync(SeedData.DaveId))!.Value;
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", first, new { name = "backup script ✓", expiresInDays = 7 }, HttpStatusCode.Created);

        using var otherBrowser = new Browser(Servers);
        var second = await otherBrowser.SignInAsync(SeedData.DaveId);

        var listAfter = (await Servers.KeyListAsync(SeedData.DaveId))!.Value;
        Assert.Single(await AllListsNamedLikeTheKeyListAsync(SeedData.DaveId));
        Assert.Equal(listBefore.GetProperty("id").GetString(), listAfter.GetProperty("id").GetString());
        Assert.Equal(listBefore.GetProperty("description").GetString(), listAfter.GetProperty("description").GetString());
        // The token's name was encrypted under the data key of the first session: the second opens it.
        var tokens = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tokens", second, null, HttpStatusCode.OK);
        Assert.Equal("backup script ✓", Assert.Single(tokens.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Deny_ShowsAPlainPage_AndStoresNoUser()
    {
        var usersBefore = await ScalarAsync("select count(*) from users");
        var callback = await Browser.ConsentAsync(await Browser.StartSignInAsync(), SeedData.BobId, "deny");

        using var response = await Browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You did not sign in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(usersBefore, await ScalarAsync("select count(*) from users"));
        Assert.Null(await Servers.KeyListAsync(SeedData.BobId));
    }

    [Fact]
    public async Task Callback_WorksOnce_AndIsRefusedWithAPageTheSecondTime()
    {
        var callback = await Browser.ConsentAsync(await Browser.StartSignInAsync(), SeedData.BobId);
        await Browser.CallbackCodeAsync(callback);

        using var again = await Browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This sign-in link is not valid", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_FromAnotherBrowser_IsRefused_AndLeavesTheSignInToTheBrowserThatStartedIt()
    {
        var callback = await Browser.ConsentAsync(await Browser.StartSignInAsync(), SeedData.BobId);
        using var stranger = new Browser(Servers);

        using var response = await stranger.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another browser", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A stranger holding the link cannot cancel the sign-in: the right Browser still finishes it, once.
        var code = await Browser.CallbackCodeAsync(callback);
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.OK);
        using var again = await Browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Callback_WithAForgedVerifier_SaysTheLinkIsNotValid_NotThatAccessWasRevoked()
    {
        var callback = await Browser.ConsentAsync(await Browser.StartSignInAsync(), SeedData.BobId);
        var query = OAuthSignatureBase.ParseQuery(callback.Query).ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);
        var forged = new Uri(Browser.Api, $"/api/auth/x/callback?oauth_token={Uri.EscapeDataString(query["oauth_token"])}&oauth_verifier=forged{query["oauth_verifier"].Length}");

        using var response = await Browser.GetAsync(forged);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This sign-in link is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("access", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await ScalarAsync("select count(*) from users"));
        Assert.Null(await Servers.KeyListAsync(SeedData.BobId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?oauth_token=made-up&oauth_verifier=made-up")]
    [InlineData("?denied=made-up")]
    [InlineData("?oauth_token=only-a-token")]
    public async Task Callback_ThatWeDidNotStart_IsRefusedWithAPage(string query)
    {
        using var response = await Browser.GetAsync(new Uri(Browser.Api, "/api/auth/x/callback" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInCode_IsSingleUse()
    {
        var code = await Browser.SignInCodeAsync(SeedData.BobId);
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.OK);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Theory]
    [InlineData("""{"code":"not-a-code"}""")]
    [InlineData("""{"code":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{"code":"x","extra":1}""")]
    [InlineData("""{"code":12}""")]
    [InlineData("""{"code":""")]
    public async Task SignInCode_BadOrUnknown_IsA400Problem(string body) =>
        await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/auth/session", null, body, HttpStatusCode.BadRequest, "/problems/invalid-request");

    [Fact]
    public async Task Login_WhenXIsDown_ShowsAPageThatSaysSo()
    {
        using var fault = JsonContent.Create(new { path_prefix = "/oauth/request_token", kind = "server_error", status = 503 });
        (await Servers.Sandbox.Client.PostAsync(new Uri("/_sandbox/faults", UriKind.Relative), fault)).EnsureSuccessStatusCode();

        using var response = await Browser.GetAsync(new Uri(Browser.Api, "/api/auth/x/login"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("X is not answering", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAnUnknownProvider_Is404()
    {
        using var response = await Browser.GetAsync(new Uri(Browser.Api, "/api/auth/myspace/login"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<List<JsonElement>> AllListsNamedLikeTheKeyListAsync(string userId)
    {
        var lists = await Servers.Sandbox.Client.GetFromJsonAsync<JsonElement>(new Uri($"/_sandbox/users/{userId}/lists", UriKind.Relative));
        return [.. lists.GetProperty("data").EnumerateArray().Where(list => list.GetProperty("name").GetString() == KeyListName.Value)];
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
