using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>
/// The web app's session cookie, over real HTTP against the real API: HttpOnly and SameSite=Strict, good for reads,
/// refused for writes without the web app's header or from another origin, ended by sign-out and revocation.
/// Cookies are sent by hand here, so each test says exactly what a browser would send.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SessionCookieTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private const string Header = "X-Reasonable-Request";
    private const string FirefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private readonly Browser browser = new(servers);
    private readonly HttpClient http = new(ApiContract.Around(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }));

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        browser.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task BrowserSession_SetsAnHttpOnlyStrictSessionCookie_ThatOpensReads_AndPutsNoTokenInTheBody()
    {
        using var response = await ExchangeAsync(await browser.SignInCodeAsync(SeedData.CarolId), keepSignedIn: false);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("token", body, StringComparison.OrdinalIgnoreCase);
        var setCookie = SetCookie(response);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase); // ends with the browser
        Assert.DoesNotContain("max-age", setCookie, StringComparison.OrdinalIgnoreCase);

        using var me = await SendAsync(HttpMethod.Get, "/api/me", CookieOf(setCookie));
        Assert.True(me.StatusCode == HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        Assert.Equal("carol", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task KeepSignedIn_MakesAPersistentCookie_AndA30DaySession_ThatShowsWhatSignedIn()
    {
        using var response = await ExchangeAsync(await browser.SignInCodeAsync(SeedData.CarolId), keepSignedIn: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = SetCookie(response);
        var expires = DateTimeOffset.Parse(setCookie.Split(';').Select(part => part.Trim()).Single(part => part.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(30.1));

        using var list = await SendAsync(HttpMethod.Get, "/api/sessions", CookieOf(setCookie));
        var session = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(row => row.GetProperty("current").GetBoolean());
        Assert.Equal(FirefoxOnLinux, session.GetProperty("userAgent").GetString());
        Assert.InRange(session.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(30.1));
    }

    [Fact]
    public async Task UnsafeMethods_WithTheCookie_ButWithoutTheHeader_Are403Problems_AndChangeNothing()
    {
        var cookie = await SignedInCookieAsync();

        foreach (var (method, path) in new[] { (HttpMethod.Post, "/api/tokens"), (HttpMethod.Delete, $"/api/sessions/{Guid.NewGuid()}"), (HttpMethod.Post, "/api/auth/logout") })
        {
            using var refused = await SendAsync(method, path, cookie, body: new { name = "csrf", expiresInDays = 1 });
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "/problems/cross-site-request", $"{method} {path} without {Header}");
        }

        using var me = await SendAsync(HttpMethod.Get, "/api/me", cookie); // the refused sign-out did not sign out
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var tokens = await SendAsync(HttpMethod.Get, "/api/tokens", cookie);
        Assert.Equal(0, (await tokens.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        using var allowed = await SendAsync(HttpMethod.Post, "/api/tokens", cookie, new { name = "from the app", expiresInDays = 1 }, withHeader: true);
        Assert.True(allowed.StatusCode == HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Origin", "http://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task CrossOriginWrites_AreRefused_EvenWithTheHeader(string name, string value)
    {
        var cookie = await SignedInCookieAsync();

        using var refused = await SendAsync(HttpMethod.Post, "/api/tokens", cookie, new { name = "csrf", expiresInDays = 1 }, withHeader: true, extra: (name, value));

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "/problems/cross-site-request", $"{name}: {value}");
        using var sameOrigin = await SendAsync(
            HttpMethod.Post, "/api/tokens", cookie, new { name = "same origin", expiresInDays = 1 }, withHeader: true, extra: ("Origin", servers.Api.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.True(sameOrigin.StatusCode == HttpStatusCode.Created, await sameOrigin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BrowserSessionExchange_WithoutTheHeader_IsRefused_SoNoOtherSiteCanSignSomeoneIn()
    {
        var code = await browser.SignInCodeAsync(SeedData.CarolId);

        using var refused = await SendAsync(HttpMethod.Post, "/api/auth/browser-session", cookie: null, new { code }, withHeader: false);

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "/problems/cross-site-request", "the cookie exchange without the header");
        Assert.False(refused.Headers.Contains("Set-Cookie"), "a refused exchange sets no cookie");
        using var stillUsable = await ExchangeAsync(code, keepSignedIn: false); // the refusal did not use the code up
        Assert.Equal(HttpStatusCode.OK, stillUsable.StatusCode);
    }

    [Fact]
    public async Task BearerTokens_WorkWithoutTheHeader_AndTheScriptExchangeStillAnswersAToken()
    {
        var token = await browser.SignInAsync(SeedData.DaveId);

        var created = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "nightly", expiresInDays = 3 }, HttpStatusCode.Created);

        Assert.False(string.IsNullOrEmpty(created.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task SignOut_ClearsTheCookie_AndTheOldCookieAnswers401()
    {
        var cookie = await SignedInCookieAsync();

        using var signOut = await SendAsync(HttpMethod.Post, "/api/auth/logout", cookie, withHeader: true);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", SetCookie(signOut), StringComparison.OrdinalIgnoreCase);
        await AssertSignedOutAsync(cookie, "after signing out");
    }

    [Fact]
    public async Task RevokingTheSession_OrSigningOutEverywhere_EndsTheCookie()
    {
        var cookie = await SignedInCookieAsync();
        using var scriptBrowser = new Browser(servers);
        var script = await scriptBrowser.SignInAsync(SeedData.CarolId);
        var sessions = await scriptBrowser.ExpectJsonAsync(HttpMethod.Get, "/api/sessions", script, null, HttpStatusCode.OK);
        var cookieSession = sessions.EnumerateArray().Single(row => row.GetProperty("userAgent").GetString() == FirefoxOnLinux).GetProperty("id").GetString();

        await scriptBrowser.ExpectJsonAsync(HttpMethod.Delete, $"/api/sessions/{cookieSession}", script, null, HttpStatusCode.NoContent);

        await AssertSignedOutAsync(cookie, "after Settings ended its session");
        using var secondBrowser = new Browser(servers);
        using var exchanged = await ExchangeAsync(await secondBrowser.SignInCodeAsync(SeedData.CarolId), keepSignedIn: true);
        var second = CookieOf(SetCookie(exchanged));
        await scriptBrowser.ExpectJsonAsync(HttpMethod.Post, "/api/auth/logout-everywhere", script, null, HttpStatusCode.OK);
        await AssertSignedOutAsync(second, "after signing out everywhere");
    }

    [Fact]
    public async Task ExpiredOrForgedCookies_Answer401_AndAreCleared()
    {
        var cookie = await SignedInCookieAsync();
        var token = cookie["reasonable_session=".Length..];
        var forged = "reasonable_session=" + token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        await AssertSignedOutAsync(forged, "with a forged signature");
        await AssertSignedOutAsync("reasonable_session=not-a-token", "with garbage");

        await using (var connection = new NpgsqlConnection(servers.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update sessions set expires_at = now() - interval '1 minute' where revoked_at is null", connection);
            await command.ExecuteNonQueryAsync();
        }

        await AssertSignedOutAsync(cookie, "once its session expired");
    }

    private async Task<string> SignedInCookieAsync()
    {
        using var response = await ExchangeAsync(await browser.SignInCodeAsync(SeedData.CarolId), keepSignedIn: false);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return CookieOf(SetCookie(response));
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, bool keepSignedIn) =>
        SendAsync(HttpMethod.Post, "/api/auth/browser-session", cookie: null, new { code, keepSignedIn }, withHeader: true);

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? cookie, object? body = null, bool withHeader = false, (string Name, string Value)? extra = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(servers.Api.BaseAddress, path));
        request.Headers.UserAgent.ParseAdd(FirefoxOnLinux);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (withHeader)
        {
            request.Headers.Add(Header, "1");
        }

        if (extra is { } added)
        {
            request.Headers.Add(added.Name, added.Value);
        }

        if (body is not null && method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    private async Task AssertSignedOutAsync(string cookie, string when)
    {
        using var me = await SendAsync(HttpMethod.Get, "/api/me", cookie);
        await AssertProblemAsync(me, HttpStatusCode.Unauthorized, null, $"the cookie {when}");
        Assert.Contains("expires=Thu, 01 Jan 1970", SetCookie(me), StringComparison.OrdinalIgnoreCase); // a dead cookie is dropped
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? type, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), $"{what}: a problem says what to do");
        if (type is not null)
        {
            Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
        }
    }

    private static string SetCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("reasonable_session=", StringComparison.Ordinal));

    private static string CookieOf(string setCookie) => setCookie.Split(';')[0];
}
