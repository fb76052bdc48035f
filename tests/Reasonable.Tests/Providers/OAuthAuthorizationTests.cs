using Reasonable.OAuth1;
using Xunit;

namespace Reasonable.Tests.Providers;

public sealed class OAuthAuthorizationTests
{
    [Fact]
    public void Format_EncodesSlashAndEqualsInSignature()
    {
        var header = OAuthAuthorization.Format([new("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"), new("oauth_signature", "tnnArxj06cWHq44gCs1OSKk/jLY=")]);
        Assert.Equal("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\"", header);
    }

    [Fact]
    public void TryParse_ReadsLogInWithXHeader_DecodingValues()
    {
        const string Header = "OAuth oauth_callback=\"http%3A%2F%2Flocalhost%2Fsign-in-with-twitter%2F\",\n  oauth_consumer_key=\"cChZNFj6T5R0TigYB9yd1w\", oauth_nonce=\"ea9ec8429b68d6b77cd5600adbbb0456\",\n  oauth_signature=\"F1Li3tvehgcraF8DMJ7OyxO4w9Y%3D\", oauth_signature_method=\"HMAC-SHA1\",\n  oauth_timestamp=\"1318467427\", oauth_version=\"1.0\"";

        Assert.True(OAuthAuthorization.TryParse(Header, out var authorization));
        Assert.Equal("http://localhost/sign-in-with-twitter/", authorization.Callback);
        Assert.Equal("F1Li3tvehgcraF8DMJ7OyxO4w9Y=", authorization.Signature);
        Assert.Equal("cChZNFj6T5R0TigYB9yd1w", authorization.ConsumerKey);
        Assert.True(authorization.HasRequiredProtocolParameters(out var problem), problem);
        Assert.DoesNotContain(authorization.SignedParameters, p => p.Name == "oauth_signature");
    }

    [Fact]
    public void Format_ThenTryParse_RoundTrips()
    {
        OAuthParameter[] parameters = [new("oauth_token", "6253282-a/b=c"), new("oauth_callback", "https://app.example/cb?x=1&y=☃")];
        Assert.True(OAuthAuthorization.TryParse(OAuthAuthorization.Format(parameters), out var parsed));
        Assert.Equal(parameters, parsed.Parameters);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("OAuthx oauth_nonce=\"1\"")]
    [InlineData("OAuth oauth_nonce=\"1\", oauth_nonce=\"2\"")]
    [InlineData("OAuth oauth_nonce=\"unterminated")]
    [InlineData("OAuth =\"x\"")]
    public void TryParse_Rejects_MalformedOrDuplicatedHeaders(string? header) =>
        Assert.False(OAuthAuthorization.TryParse(header, out _));

    [Theory]
    [InlineData("PLAINTEXT", "1.0")]
    [InlineData("HMAC-SHA256", "1.0")]
    [InlineData("HMAC-SHA1", "2.0")]
    public void HasRequiredProtocolParameters_Rejects_UnsupportedMethodOrVersion(string method, string version)
    {
        var header = OAuthAuthorization.Format(
        [
            new("oauth_consumer_key", "k"), new("oauth_nonce", "n"), new("oauth_timestamp", "1"),
            new("oauth_signature", "s"), new("oauth_signature_method", method), new("oauth_version", version),
        ]);
        Assert.True(OAuthAuthorization.TryParse(header, out var authorization));
        Assert.False(authorization.HasRequiredProtocolParameters(out _));
    }

    [Fact]
    public void Nonce_IsAsciiWordCharacters_AndUnique()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => OAuthNonce.Create()).ToList();
        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9]{32,}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Theory]
    [InlineData("1000", 1000, true)]
    [InlineData("700", 1000, true)]
    [InlineData("699", 1000, false)]
    [InlineData("1301", 1000, false)]
    [InlineData("-5", 1000, false)]
    [InlineData("abc", 1000, false)]
    public void Timestamp_IsWithinSkew_OnlyInsideTheWindow(string timestamp, long now, bool expected) =>
        Assert.Equal(expected, OAuthTimestamp.IsWithin(timestamp, DateTimeOffset.FromUnixTimeSeconds(now), TimeSpan.FromSeconds(300)));
}
