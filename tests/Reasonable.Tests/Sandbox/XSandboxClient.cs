using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reasonable.OAuth1;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

/// <summary>
/// A test-side X client over real HTTP: signs with Reasonable.OAuth1, walks the three-legged flow through the consent
/// form exactly as a browser would post it, and wraps the control endpoints.
/// </summary>
public sealed partial class XSandboxClient(XSandboxProcess sandbox)
{
    public const string Callback = "http://127.0.0.1:9/auth/x/callback";

    private readonly OAuthRequestSigner signer = new();

    public XSandboxProcess Sandbox { get; } = sandbox;

    public OAuthCredentials App { get; } = new(XSandboxProcess.ConsumerKey, XSandboxProcess.ConsumerSecret);

    public Uri Url(string pathAndQuery) => new(Sandbox.BaseAddress, pathAndQuery);

    /// <summary>Signs and sends; <paramref name="nonce"/>/<paramref name="timestamp"/> pin the protocol values for replay and skew tests.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        OAuthCredentials credentials,
        HttpContent? content = null,
        IEnumerable<OAuthParameter>? extra = null,
        string? nonce = null,
        string? timestamp = null,
        Uri? signAs = null)
    {
        using var request = new HttpRequestMessage(method, Url(pathAndQuery)) { Content = content };
        var parameters = OAuthSignatureBase.ParseQuery(request.RequestUri!.Query).ToList();
        if (content is FormUrlEncodedContent form)
        {
            parameters.AddRange(OAuthSignatureBase.ParseQuery(await form.ReadAsStringAsync()));
        }

        var header = signer.CreateAuthorizationHeader(method.Method, signAs ?? request.RequestUri, parameters, credentials, extra, nonce, timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        return await Sandbox.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, OAuthCredentials credentials) =>
        SendAsync(HttpMethod.Get, pathAndQuery, credentials);

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery, OAuthCredentials credentials)
    {
        using var response = await GetAsync(pathAndQuery, credentials);
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    public async Task<(string Token, string Secret)> RequestTokenAsync(string callback = Callback)
    {
        using var response = await SendAsync(HttpMethod.Post, "/oauth/request_token", App, extra: [new("oauth_callback", callback)]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"request_token answered {(int)response.StatusCode}: {body}");
        var values = OAuthSignatureBase.ParseQuery(body).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("true", values["oauth_callback_confirmed"]);
        return (values["oauth_token"], values["oauth_token_secret"]);
    }

    /// <summary>Loads the consent page, checks it is the documented form, and posts it as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitConsentAsync(string requestToken, string userId, string action, string page = "authorize")
    {
        var html = await Sandbox.Client.GetStringAsync(Url($"/oauth/{page}?oauth_token={Uri.EscapeDataString(requestToken)}"));
        Assert.Contains("<form method=\"post\" action=\"/oauth/authorize\">", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"oauth_token\" value=\"{requestToken}\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"user_id\" value=\"{userId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"action\" value=\"{action}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        using var form = new FormUrlEncodedContent([new("oauth_token", requestToken), new("user_id", userId), new("action", action)]);
        return await Sandbox.Client.PostAsync(Url("/oauth/authorize"), form);
    }

    public async Task<HttpResponseMessage> AccessTokenAsync(string requestToken, string requestTokenSecret, string verifier, string? nonce = null)
    {
        using var body = new FormUrlEncodedContent([new("oauth_verifier", verifier)]);
        return await SendAsync(HttpMethod.Post, "/oauth/access_token", App with { Token = requestToken, TokenSecret = requestTokenSecret }, body, nonce: nonce);
    }

    /// <summary>The whole three-legged flow as <paramref name="userId"/>; returns the app's credentials for that user.</summary>
    public async Task<OAuthCredentials> SignInAsync(string userId)
    {
        var (token, secret) = await RequestTokenAsync();
        using var consent = await SubmitConsentAsync(token, userId, "approve");
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = OAuthSignatureBase.ParseQuery(consent.Headers.Location!.Query).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(token, callback["oauth_token"]);

        using var response = await AccessTokenAsync(token, secret, callback["oauth_verifier"]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"access_token answered {(int)response.StatusCode}: {body}");
        var values = OAuthSignatureBase.ParseQuery(body).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(userId, values["user_id"]);
        return App with { Token = values["oauth_token"], TokenSecret = values["oauth_token_secret"] };
    }

    public async Task ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Sandbox.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts X's v1.1 error body <c>{"errors":[{"code":…}]}</c> with the given status.</summary>
    public static async Task AssertV1ErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var json = await ReadJsonAsync(response, status);
        Assert.Equal(code, json.GetProperty("errors")[0].GetProperty("code").GetInt32());
    }

    /// <summary>Asserts X's v2 problem for a failed OAuth check: 401 Unauthorized, X's not-authorized-for-resource type.</summary>
    public static async Task AssertV2UnauthorizedAsync(HttpResponseMessage response)
    {
        var json = await ReadJsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Unauthorized", json.GetProperty("title").GetString());
        Assert.Equal("https://api.x.com/2/problems/not-authorized-for-resource", json.GetProperty("type").GetString());
        var errors = OpenApiShape.ForX().ValidateSchema("Problem", json);
        Assert.True(errors.Count == 0, $"the 401 body must be one of X's Problem types: {string.Join("; ", errors)}");
        Assert.Equal(401, json.GetProperty("status").GetInt32());
    }

    [GeneratedRegex("^[0-9]+-[A-Za-z0-9]+$")]
    public static partial Regex AccessTokenPattern();
}
