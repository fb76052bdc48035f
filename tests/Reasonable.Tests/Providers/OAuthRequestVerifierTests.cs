using System.Net;
using System.Text;
using Reasonable.OAuth1;
using Xunit;

namespace Reasonable.Tests.Providers;

/// <summary>The server half: a request the signer produced verifies; any change to what was signed does not.</summary>
public sealed class OAuthRequestVerifierTests
{
    private static readonly OAuthCredentials Credentials = new("consumer", "consumer secret", "42-token", "token/secret&");

    [Fact]
    public async Task Verify_Accepts_SignedRequest()
    {
        var (uri, authorization, parameters) = await SignAsync("https://api.x.com/2/users/42/blocking?max_results=1000&user.fields=id,name");
        Assert.True(OAuthRequestVerifier.Verify("GET", uri, authorization, parameters, "consumer secret", "token/secret&"));
    }

    [Fact]
    public async Task Verify_Rejects_TamperedSignature()
    {
        var (uri, authorization, parameters) = await SignAsync("https://api.x.com/2/users/me");
        var signature = authorization.Signature!;
        var tampered = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var header = OAuthAuthorization.Format(authorization.Parameters.Select(p => p.Name == "oauth_signature" ? p with { Value = tampered } : p));
        Assert.True(OAuthAuthorization.TryParse(header, out var forged));

        Assert.False(OAuthRequestVerifier.Verify("GET", uri, forged, parameters, "consumer secret", "token/secret&"));
    }

    [Theory]
    [InlineData("POST", "https://api.x.com/2/users/me", "consumer secret", "token/secret&")]
    [InlineData("GET", "https://api.x.com/2/users/43", "consumer secret", "token/secret&")]
    [InlineData("GET", "https://api.x.com:8443/2/users/me", "consumer secret", "token/secret&")]
    [InlineData("GET", "http://api.x.com/2/users/me", "consumer secret", "token/secret&")]
    [InlineData("GET", "https://api.x.com/2/users/me", "other secret", "token/secret&")]
    [InlineData("GET", "https://api.x.com/2/users/me", "consumer secret", "")]
    public async Task Verify_Rejects_AnyChangeToWhatWasSigned(string method, string url, string consumerSecret, string tokenSecret)
    {
        var (_, authorization, parameters) = await SignAsync("https://api.x.com/2/users/me");
        Assert.False(OAuthRequestVerifier.Verify(method, new Uri(url), authorization, parameters, consumerSecret, tokenSecret));
    }

    [Fact]
    public async Task Verify_Rejects_AddedQueryParameter()
    {
        var (uri, authorization, parameters) = await SignAsync("https://api.x.com/2/users/42/blocking?max_results=10");
        Assert.False(OAuthRequestVerifier.Verify("GET", uri, authorization, [.. parameters, new("pagination_token", "x")], "consumer secret", "token/secret&"));
    }

    [Fact]
    public async Task SignAsync_SignsFormBody_ButNotJsonBody()
    {
        var signer = new OAuthRequestSigner(TimeProvider.System, () => "fixednonce");
        using var form = new HttpRequestMessage(HttpMethod.Post, "https://api.x.com/oauth/access_token")
        {
            Content = new FormUrlEncodedContent([new("oauth_verifier", "v v")]),
        };
        await signer.SignAsync(form, Credentials);
        Assert.True(OAuthAuthorization.TryParse(form.Headers.Authorization!.ToString(), out var formAuthorization));
        Assert.True(OAuthRequestVerifier.Verify("POST", form.RequestUri!, formAuthorization, [new("oauth_verifier", "v v")], "consumer secret", "token/secret&"));
        Assert.False(OAuthRequestVerifier.Verify("POST", form.RequestUri!, formAuthorization, [], "consumer secret", "token/secret&"));
        Assert.Equal("oauth_verifier=v+v", await form.Content.ReadAsStringAsync());

        using var json = new HttpRequestMessage(HttpMethod.Post, "https://api.x.com/2/lists")
        {
            Content = new StringContent("{\"name\":\"a\"}", Encoding.UTF8, "application/json"),
        };
        await signer.SignAsync(json, Credentials);
        Assert.True(OAuthAuthorization.TryParse(json.Headers.Authorization!.ToString(), out var jsonAuthorization));
        Assert.True(OAuthRequestVerifier.Verify("POST", json.RequestUri!, jsonAuthorization, [], "consumer secret", "token/secret&"));
    }

    [Fact]
    public async Task SigningHandler_SignsWithPerRequestCredentials_AndExtraProtocolParameters()
    {
        using var capture = new CapturingHandler();
        using var handler = new OAuthSigningHandler(capture, new OAuthCredentials("default", "default secret"));
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.x.com/oauth/request_token");
        request.Options.Set(OAuthSigningHandler.CredentialsOption, new OAuthCredentials("consumer", "consumer secret"));
        request.Options.Set(OAuthSigningHandler.ProtocolParametersOption, [new OAuthParameter("oauth_callback", "http://127.0.0.1/cb")]);

        using var response = await client.SendAsync(request);

        Assert.True(OAuthAuthorization.TryParse(capture.Authorization, out var sent));
        Assert.Equal("consumer", sent.ConsumerKey);
        Assert.Equal("http://127.0.0.1/cb", sent.Callback);
        Assert.Null(sent.Token);
        Assert.True(OAuthRequestVerifier.Verify("POST", request.RequestUri!, sent, [], "consumer secret", null));
    }

    private static async Task<(Uri Uri, OAuthAuthorization Authorization, IReadOnlyList<OAuthParameter> Parameters)> SignAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        await new OAuthRequestSigner().SignAsync(request, Credentials);
        Assert.True(OAuthAuthorization.TryParse(request.Headers.Authorization!.ToString(), out var authorization));
        return (request.RequestUri!, authorization, OAuthSignatureBase.ParseQuery(request.RequestUri!.Query));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
