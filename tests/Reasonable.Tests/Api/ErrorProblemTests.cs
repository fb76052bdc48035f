using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// Requests no route can serve (unknown paths, wrong methods, bodies no one can read, requests too large) answer a
/// 4xx problem whose detail says what to do, with or without a token: never a 500, never a bare status.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class ErrorProblemTests(SignInServers servers) : AliceSignedInTest(servers)
{
    public static TheoryData<string, bool> UnusableContentTypes() => new()
    {
        { "application/json; charset=no-such-charset", false },
        { "application/json; charset=no-such-charset", true },
        { "application/json; charset=utf-16", true },
        { "application/json; charset=\"\"", false },
        { "text/plain", true },
        { ";;;", false },
        { "application/xml; charset=utf-8", true },
    };

    [Theory]
    [MemberData(nameof(UnusableContentTypes))]
    public async Task JsonRoutes_AnswerUnusableContentTypes_With415Problems(string contentType, bool withToken)
    {
        // An anonymous JSON route and one that needs a token: the content type is refused before anything else.
        foreach (var path in new[] { "/api/auth/session", "/api/reasons", "/api/tokens" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Browser.Api, path));
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"code":"x"}"""));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            if (withToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            }

            var problem = await ExpectProblemAsync(request, HttpStatusCode.UnsupportedMediaType, $"POST {path} with Content-Type: {contentType}");
            Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task QuotedUtf8Charset_IsUtf8()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Browser.Api, "/api/tokens"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"quoted ✓","expiresInDays":7}"""));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"UTF-8\"");

        using var response = await Servers.Api.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"charset=\"UTF-8\" is UTF-8 (RFC 9110 §5.6.6): got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route", HttpStatusCode.NotFound, "not-found")]
    [InlineData("GET", "/healthz/no-such-page", HttpStatusCode.NotFound, "not-found")]
    [InlineData("GET", "/api/reasons/not-a-uuid", HttpStatusCode.NotFound, "not-found")]
    [InlineData("DELETE", "/api/tokens/12345", HttpStatusCode.NotFound, "not-found")]
    [InlineData("DELETE", "/api/providers", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    [InlineData("PATCH", "/api/reasons", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    [InlineData("GET", "/api/auth/session", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    public async Task RoutesThatDoNotExist_AnswerProblems_WithAndWithoutAToken(string method, string path, HttpStatusCode status, string type)
    {
        foreach (var token in new[] { null, Token })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Browser.Api, path));
            // As a browser's address bar asks: the answer is still a problem, not a bare status.
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var problem = await ExpectProblemAsync(request, status, $"{method} {path} {(token is null ? "without" : "with")} a token");
            Assert.Equal($"/problems/{type}", problem.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task MethodNotAllowed_SaysWhichMethodsTheAddressTakes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(Browser.Api, "/api/providers"));

        var problem = await ExpectProblemAsync(request, HttpStatusCode.MethodNotAllowed, "DELETE /api/providers");

        Assert.Contains("GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPages_StayHtml_WhenTheyFail()
    {
        using var response = await Browser.GetAsync(new Uri(Browser.Api, "/api/auth/myspace/callback?oauth_token=a&oauth_verifier=b"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyTooLarge_Is413Problem(bool chunked)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"name":"{{new string('a', 2 * 1024 * 1024)}}","expiresInDays":7}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Browser.Api, "/api/tokens"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await ExpectProblemAsync(request, HttpStatusCode.RequestEntityTooLarge, $"a 2 MiB body ({(chunked ? "chunked" : "with Content-Length")})");
    }

    [Fact]
    public async Task AddressTooLong_Is414Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Browser.Api, "/api/accounts?q=" + new string('a', 9000)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        await ExpectProblemAsync(request, HttpStatusCode.RequestUriTooLong, "a 9,000-character query");
    }

    [Fact]
    public async Task HeadersTooLarge_Is431Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Browser.Api, "/api/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 40 * 1024));

        await ExpectProblemAsync(request, HttpStatusCode.RequestHeaderFieldsTooLarge, "40 KiB of headers");
    }

    /// <summary>Sends over a client of its own (no cookies), asserts an RFC 9457 problem with a detail; returns it.</summary>
    private async Task<JsonElement> ExpectProblemAsync(HttpRequestMessage request, HttpStatusCode status, string what)
    {
        using var response = await Servers.Api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: expected a problem, got {response.Content.Headers.ContentType}: {text}");
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{what}: a problem must say what to do");
        Assert.StartsWith("/problems/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
