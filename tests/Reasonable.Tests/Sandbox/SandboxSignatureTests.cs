using System.Globalization;
using System.Net;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

/// <summary>Every OAuth request is verified; each way of getting it wrong gets X's status and error body.</summary>
[Collection(SandboxTests.Name)]
public sealed class SandboxSignatureTests(XSandboxProcess sandbox) : XSandboxTest(sandbox)
{
    [Fact]
    public async Task Verify_Accepts_QueryParametersWithReservedCharacters()
    {
        var json = await X.GetJsonAsync($"/2/users/{Alice}/following?max_results=5&user.fields=name,username,profile_image_url", AliceToken);
        Assert.Equal(5, json.GetProperty("meta").GetProperty("result_count").GetInt32());
    }

    [Fact]
    public async Task Verify_Rejects_TamperedSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, X.Url("/2/users/me"));
        await new OAuthRequestSigner().SignAsync(request, AliceToken);
        Assert.True(OAuthAuthorization.TryParse(request.Headers.Authorization!.ToString(), out var signed));
        var signature = signed.Signature!;
        var tampered = OAuthAuthorization.Format(signed.Parameters.Select(p =>
            p.Name == "oauth_signature" ? p with { Value = (signature[0] == 'A' ? "B" : "A") + signature[1..] } : p));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", tampered);

        using var response = await Sandbox.Client.SendAsync(request);

        await XSandboxClient.AssertV2UnauthorizedAsync(response);
    }

    [Fact]
    public async Task Verify_Rejects_TamperedSignature_WithCode32OnV1()
    {
        using var response = await X.GetAsync("/1.1/account/verify_credentials.json", AliceToken with { TokenSecret = "wrong" });

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.Unauthorized, 32);
    }

    [Fact]
    public async Task Verify_Rejects_SignatureForAnotherHost()
    {
        // The host and port are part of the base string: signing for localhost but calling 127.0.0.1 must fail.
        var signedFor = new Uri($"http://localhost:{Sandbox.BaseAddress.Port}/2/users/me");

        using var response = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, signAs: signedFor);

        await XSandboxClient.AssertV2UnauthorizedAsync(response);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task Verify_Rejects_StaleTimestamp(int offsetSeconds)
    {
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        using var v1 = await X.SendAsync(HttpMethod.Get, "/1.1/account/verify_credentials.json", AliceToken, timestamp: timestamp);
        using var v2 = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, timestamp: timestamp);

        await XSandboxClient.AssertV1ErrorAsync(v1, HttpStatusCode.Unauthorized, 135);
        await XSandboxClient.AssertV2UnauthorizedAsync(v2);
    }

    [Fact]
    public async Task Verify_Accepts_TimestampWithinFiveMinutes()
    {
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow.AddSeconds(-240));

        using var response = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, timestamp: timestamp);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Verify_Rejects_ReplayedNonce()
    {
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow);

        using var first = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, nonce: "replayme0123456789", timestamp: timestamp);
        using var replay = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, nonce: "replayme0123456789", timestamp: timestamp);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await XSandboxClient.AssertV2UnauthorizedAsync(replay);
    }

    [Fact]
    public async Task Verify_DoesNotBurnNonce_OfAForgedRequest()
    {
        var timestamp = OAuthTimestamp.From(DateTimeOffset.UtcNow);

        using var forged = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken with { TokenSecret = "guess" }, nonce: "victimnonce000001", timestamp: timestamp);
        using var genuine = await X.SendAsync(HttpMethod.Get, "/2/users/me", AliceToken, nonce: "victimnonce000001", timestamp: timestamp);

        await XSandboxClient.AssertV2UnauthorizedAsync(forged);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Verify_Rejects_UnknownConsumer()
    {
        using var v2 = await X.GetAsync("/2/users/me", AliceToken with { ConsumerKey = "unknown-app" });
        using var v1 = await X.GetAsync("/1.1/account/verify_credentials.json", AliceToken with { ConsumerKey = "unknown-app" });

        await XSandboxClient.AssertV2UnauthorizedAsync(v2);
        await XSandboxClient.AssertV1ErrorAsync(v1, HttpStatusCode.Unauthorized, 32);
    }

    [Fact]
    public async Task Verify_Rejects_UnknownToken_WithCode89()
    {
        using var v1 = await X.GetAsync("/1.1/account/verify_credentials.json", AliceToken with { Token = Alice + "-doesnotexist" });
        using var v2 = await X.GetAsync("/2/users/me", AliceToken with { Token = Alice + "-doesnotexist" });

        await XSandboxClient.AssertV1ErrorAsync(v1, HttpStatusCode.Unauthorized, 89);
        await XSandboxClient.AssertV2UnauthorizedAsync(v2);
    }

    [Fact]
    public async Task Verify_Rejects_MissingAuthorization()
    {
        using var v1 = await Sandbox.Client.GetAsync(X.Url("/1.1/account/verify_credentials.json"));
        using var v2 = await Sandbox.Client.GetAsync(X.Url("/2/users/me"));

        await XSandboxClient.AssertV1ErrorAsync(v1, HttpStatusCode.BadRequest, 215);
        await XSandboxClient.AssertV2UnauthorizedAsync(v2);
    }

    [Fact]
    public async Task Verify_Rejects_PlaintextSignatureMethod()
    {
        var header = OAuthAuthorization.Format(
        [
            new("oauth_consumer_key", XSandboxProcess.ConsumerKey), new("oauth_nonce", OAuthNonce.Create()),
            new("oauth_signature", "secret&"), new("oauth_signature_method", "PLAINTEXT"),
            new("oauth_timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("oauth_token", AliceToken.Token!), new("oauth_version", "1.0"),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Get, X.Url("/1.1/account/verify_credentials.json"));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await Sandbox.Client.SendAsync(request);

        await XSandboxClient.AssertV1ErrorAsync(response, HttpStatusCode.BadRequest, 215);
    }
}
