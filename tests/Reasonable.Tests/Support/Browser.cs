using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.OAuth1;

namespace Reasonable.Tests.Support;

/// <summary>
/// A person's browser on the sign-in path: keeps cookies per host, never follows redirects on its own (tests look at
/// each hop), and posts the sandbox's consent form as a browser would. Also a small JSON client for the API: the
/// stack's, or <paramref name="api"/> (another API process on the same sandboxes).
/// </summary>
public sealed partial class Browser(SignInServers stack, Uri? api = null) : IDisposable
{
    private readonly HttpClient http = new(ApiContract.Around(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }))
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri Api => api ?? stack.Api.BaseAddress;

    public Task<HttpResponseMessage> GetAsync(Uri url) => http.GetAsync(url);

    /// <summary>GET /api/auth/x/login: must answer 302 to the sandbox's consent page.</summary>
    public async Task<Uri> StartSignInAsync()
    {
        using var response = await http.GetAsync(new Uri(Api, "/api/auth/x/login"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        Assert.StartsWith(stack.Sandbox.BaseAddress.AbsoluteUri + "oauth/authenticate?oauth_token=", location.AbsoluteUri, StringComparison.Ordinal);
        return location;
    }

    /// <summary>Chooses a seeded user on the consent page and approves or denies; returns where the sandbox sends the browser.</summary>
    public async Task<Uri> ConsentAsync(Uri authorizeUrl, string userId, string action = "approve")
    {
        var requestToken = OAuthSignatureBase.ParseQuery(authorizeUrl.Query).Single(p => p.Name == "oauth_token").Value;
        var page = await http.GetStringAsync(authorizeUrl);
        Assert.Contains("name=\"user_id\"", page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent([new("oauth_token", requestToken), new("user_id", userId), new("action", action)]);
        using var response = await http.PostAsync(new Uri(stack.Sandbox.BaseAddress, "/oauth/authorize"), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = response.Headers.Location!;
        Assert.StartsWith(Api.AbsoluteUri + "api/auth/x/callback?", callback.AbsoluteUri, StringComparison.Ordinal);
        return callback;
    }

    /// <summary>Follows the provider's callback; on success it answers 302 to the web app with #code=….</summary>
    public async Task<string> CallbackCodeAsync(Uri callback)
    {
        using var response = await http.GetAsync(callback);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"callback answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        Assert.Equal(new Uri(Api, "/signed-in").AbsoluteUri, location.GetLeftPart(UriPartial.Path));
        Assert.Empty(location.Query);
        Assert.StartsWith("#code=", location.Fragment, StringComparison.Ordinal);
        return location.Fragment["#code=".Length..];
    }

    public async Task<string> SignInCodeAsync(string userId) => await CallbackCodeAsync(await ConsentAsync(await StartSignInAsync(), userId));

    /// <summary>The whole flow as a seeded sandbox user; returns the bearer token.</summary>
    public async Task<string> SignInAsync(string userId)
    {
        var code = await SignInCodeAsync(userId);
        var session = await ExpectJsonAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }

    /// <summary>GET /api/auth/mastodon/login?instance=…: must answer 302 to that sandbox instance's /oauth/authorize.</summary>
    public async Task<Uri> StartMastodonSignInAsync(string instance = MastodonSandboxProcess.FediDomain)
    {
        using var response = await http.GetAsync(new Uri(Api, "/api/auth/mastodon/login?instance=" + Uri.EscapeDataString(instance)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{stack.Api.Output[^Math.Min(4000, stack.Api.Output.Length)..]}");
        var location = response.Headers.Location!;
        Assert.Equal("/oauth/authorize", location.AbsolutePath);
        return location;
    }

    /// <summary>
    /// Submits the Mastodon sandbox's consent form as <paramref name="userId"/> (authorize or deny), as a browser would;
    /// returns where the instance sends the browser.
    /// </summary>
    public async Task<Uri> MastodonConsentAsync(Uri authorizeUrl, string userId, string decision = "authorize")
    {
        var page = await http.GetStringAsync(authorizeUrl);
        var fields = HiddenInput().Matches(page).ToDictionary(match => match.Groups[1].Value, match => System.Net.WebUtility.HtmlDecode(match.Groups[2].Value));
        Assert.Contains($"value=\"{userId}\"", page, StringComparison.Ordinal);
        fields["user_id"] = userId;
        fields["decision"] = decision;
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(authorizeUrl, "/oauth/authorize"), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = response.Headers.Location!;
        Assert.StartsWith(Api.AbsoluteUri + "api/auth/mastodon/callback?", callback.AbsoluteUri, StringComparison.Ordinal);
        return callback;
    }

    /// <summary>The whole Mastodon flow as a seeded sandbox user of <paramref name="instance"/>; returns the bearer token.</summary>
    public async Task<string> SignInWithMastodonAsync(string userId, string instance = MastodonSandboxProcess.FediDomain)
    {
        var code = await CallbackCodeAsync(await MastodonConsentAsync(await StartMastodonSignInAsync(instance), userId));
        var session = await ExpectJsonAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Api, path));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is HttpContent content)
        {
            request.Content = content; // a multipart upload, sent as it is
        }
        else if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Sends, asserts the status (with the body in the message when it differs) and returns the JSON body.</summary>
    public async Task<JsonElement> ExpectJsonAsync(HttpMethod method, string path, string? token, object? body, HttpStatusCode expected, string? ifMatch = null)
    {
        using var response = await SendAsync(method, path, token, body, ifMatch: ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with this status and type; returns it.</summary>
    public async Task<JsonElement> ExpectProblemAsync(HttpMethod method, string path, string? token, object? body, HttpStatusCode status, string? type = null, string? ifMatch = null)
    {
        using var response = await SendAsync(method, path, token, body, ifMatch: ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "a problem must say what to do");
        if (type is not null)
        {
            Assert.Equal(type, problem.GetProperty("type").GetString());
        }

        return problem;
    }

    public void Dispose() => http.Dispose();

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">")]
    private static partial System.Text.RegularExpressions.Regex HiddenInput();
}
