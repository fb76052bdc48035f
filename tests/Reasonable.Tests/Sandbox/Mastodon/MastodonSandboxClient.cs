using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>
/// A test-side Mastodon client over real HTTP: registers an app, walks the OAuth flow through the consent form
/// exactly as a browser posts it, and sends bearer-token calls to either instance.
/// </summary>
public sealed partial class MastodonSandboxClient(MastodonSandboxProcess sandbox)
{
    public const string RedirectUri = "http://127.0.0.1:9/auth/mastodon/callback";
    public const string AllScopes = "read write follow";

    public MastodonSandboxProcess Sandbox { get; } = sandbox;

    public async Task<(string ClientId, string ClientSecret)> RegisterAppAsync(Uri instance, string scopes = AllScopes, string redirectUri = RedirectUri)
    {
        using var response = await PostFormAsync(instance, "/api/v1/apps", null, ("client_name", "Reasonable tests"), ("redirect_uris", redirectUri), ("scopes", scopes));
        var app = await ReadJsonAsync(response, HttpStatusCode.OK);
        return (app.GetProperty("client_id").GetString()!, app.GetProperty("client_secret").GetString()!);
    }

    /// <summary>Registers an app, approves it as <paramref name="userId"/> on the consent form and exchanges the code (with PKCE).</summary>
    public async Task<string> SignInAsync(Uri instance, string userId, string scopes = AllScopes)
    {
        var app = await RegisterAppAsync(instance, scopes);
        var verifier = NewVerifier();
        var code = await AuthorizeAsync(instance, app.ClientId, userId, scopes, Challenge(verifier));
        using var response = await ExchangeAsync(instance, app, code, verifier);
        return (await ReadJsonAsync(response, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
    }

    /// <summary>Submits the consent form with "Authorize" and returns the code from the redirect.</summary>
    public async Task<string> AuthorizeAsync(Uri instance, string clientId, string userId, string scopes = AllScopes, string? challenge = null, string state = "st4te")
    {
        using var response = await SubmitConsentAsync(instance, clientId, userId, "authorize", scopes, challenge, state);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri + "?", location, StringComparison.Ordinal);
        Assert.Contains("state=" + state, location, StringComparison.Ordinal);
        return CodePattern().Match(location).Groups[1].Value;
    }

    public Task<HttpResponseMessage> SubmitConsentAsync(Uri instance, string clientId, string userId, string decision, string scopes = AllScopes, string? challenge = null, string state = "st4te", string redirectUri = RedirectUri)
    {
        var fields = new List<(string, string)>
        {
            ("client_id", clientId), ("redirect_uri", redirectUri), ("response_type", "code"), ("scope", scopes),
            ("state", state), ("user_id", userId), ("decision", decision),
        };
        if (challenge is not null)
        {
            fields.Add(("code_challenge", challenge));
            fields.Add(("code_challenge_method", "S256"));
        }

        return PostFormAsync(instance, "/oauth/authorize", null, [.. fields]);
    }

    public Task<HttpResponseMessage> ExchangeAsync(Uri instance, (string ClientId, string ClientSecret) app, string code, string? verifier, string redirectUri = RedirectUri)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("redirect_uri", redirectUri),
        };
        if (verifier is not null)
        {
            fields.Add(("code_verifier", verifier));
        }

        return PostFormAsync(instance, "/oauth/token", null, [.. fields]);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri instance, string pathAndQuery, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(instance, pathAndQuery)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Sandbox.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(Uri instance, string pathAndQuery, string? token) => SendAsync(HttpMethod.Get, instance, pathAndQuery, token);

    public async Task<JsonElement> GetJsonAsync(Uri instance, string pathAndQuery, string? token)
    {
        using var response = await GetAsync(instance, pathAndQuery, token);
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> PostFormAsync(Uri instance, string path, string? token, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, instance, path, token, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    /// <summary>Follows rel="next" from <paramref name="firstPage"/> until it is gone; returns every item and the number of pages.</summary>
    public async Task<(List<JsonElement> Items, int Pages)> CrawlAsync(Uri instance, string firstPage, string? token)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        Uri? next = new(instance, firstPage);
        while (next is not null)
        {
            Assert.True(++pages < 2_000, "the crawl does not end");
            using var response = await GetAsync(next, next.PathAndQuery, token);
            var page = await ReadJsonAsync(response, HttpStatusCode.OK);
            items.AddRange(page.EnumerateArray());
            next = Links(response).TryGetValue("next", out var url) ? new Uri(url) : null;
        }

        return (items, pages);
    }

    /// <summary>The Link header as rel → URL.</summary>
    public static Dictionary<string, string> Links(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (response.Headers.TryGetValues("Link", out var values))
        {
            foreach (Match match in LinkPattern().Matches(string.Join(", ", values)))
            {
                links[match.Groups[2].Value] = match.Groups[1].Value;
            }
        }

        return links;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("[?&]code=([^&]+)")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<([^>]+)>;\\s*rel=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
