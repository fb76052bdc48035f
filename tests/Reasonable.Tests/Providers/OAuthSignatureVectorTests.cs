using System.Text;
using Reasonable.OAuth1;
using Xunit;

namespace Reasonable.Tests.Providers;

/// <summary>
/// Every published signature vector: X's "Creating a signature" example and its older-URL variants, the
/// "Log in with X" request_token and access_token examples, RFC 5849's, and the computed V5 vectors for our own calls.
/// Each is checked twice: from parameters (base string + HMAC) and through the signer on a real HttpRequestMessage.
/// </summary>
public sealed class OAuthSignatureVectorTests
{
    // V1 inputs (X docs, creating-a-signature.mdx).
    private const string V1ConsumerKey = "xvz1evFS4wEEPTGEFPHBog";
    private const string V1ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    private const string V1Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb";
    private const string V1TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    private const string V1Nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
    private const string V1Timestamp = "1318622958";
    private const string V1Body = "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21";

    // V2/V3 inputs (X docs, log-in-with-x.mdx).
    private const string LoginConsumerKey = "cChZNFj6T5R0TigYB9yd1w";
    private const string LoginConsumerSecret = "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg";
    private const string LoginRequestToken = "NPcudxy0yU5T3tBzho7iCotZ3cnetKwcTIRlX0iwRl0";
    private const string LoginRequestTokenSecret = "veNRnAWe6inFuo8o2u8SLLZLjolYDmDP7SzL0YfYI";

    // RFC 5849 §1.2 inputs.
    private const string RfcConsumerKey = "dpf43f3p2l4k3l03";
    private const string RfcConsumerSecret = "kd94hf93k423kf44";

    public static TheoryData<string, string, string?, string, string?, string, string> Vectors => new()
    {
        // method, url, form body, consumer secret, token secret, protocol parameters "k=v;k=v", expected signature
        { "POST", "https://api.x.com/1.1/statuses/update.json?include_entities=true", V1Body, V1ConsumerSecret, V1TokenSecret, V1Header(), "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=" },
        { "POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true", V1Body, V1ConsumerSecret, V1TokenSecret, V1Header(), "hCtSmYh+iHYCEqBWrE7C7hYmtUk=" },
        { "POST", "https://api.twitter.com/1/statuses/update.json?include_entities=true", V1Body, V1ConsumerSecret, V1TokenSecret, V1Header(), "tnnArxj06cWHq44gCs1OSKk/jLY=" },
        { "POST", "https://api.twitter.com/oauth/request_token", null, LoginConsumerSecret, null, RequestTokenHeader(), "F1Li3tvehgcraF8DMJ7OyxO4w9Y=" },
        { "POST", "https://api.x.com/oauth/request_token", null, LoginConsumerSecret, null, RequestTokenHeader(), "X9xhcB9d+NxXd/ThJ/n51vPhetM=" },
        { "POST", "https://api.twitter.com/oauth/access_token", "oauth_verifier=uw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY", LoginConsumerSecret, LoginRequestTokenSecret, AccessTokenHeader(), "39cipBtIOHEEnybAR4sATQTpl2I=" },
        { "POST", "https://api.twitter.com/oauth/access_token", "oauth_verifier=uw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY", LoginConsumerSecret, null, AccessTokenHeader(), "eLn5QjdCqHdlBEvOogMeGuRxW4k=" },
        { "POST", "https://photos.example.net/initiate", null, RfcConsumerSecret, null, $"oauth_consumer_key={RfcConsumerKey};oauth_signature_method=HMAC-SHA1;oauth_timestamp=137131200;oauth_nonce=wIjqoS;oauth_callback=http://printer.example.com/ready", "74KNZJeDHnMBp0EMJ9ZHt/XKycU=" },
        { "POST", "https://photos.example.net/token", null, RfcConsumerSecret, "hdhd0244k9j7ao03", $"oauth_consumer_key={RfcConsumerKey};oauth_token=hh5s93j4hdidpola;oauth_signature_method=HMAC-SHA1;oauth_timestamp=137131201;oauth_nonce=walatlh;oauth_verifier=hfdp7dh39dks9884", "gKgrFCywp7rO0OXSjdot/IHF7IU=" },
        { "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", null, RfcConsumerSecret, "pfkkdhi9sl3r4s00", $"oauth_consumer_key={RfcConsumerKey};oauth_token=nnch734d00sl2jdk;oauth_signature_method=HMAC-SHA1;oauth_timestamp=137131202;oauth_nonce=chapoH", "MdpQcU8iPSUjWoN/UDMsK2sui9I=" },
        { "GET", "https://api.x.com/2/users/me", null, V1ConsumerSecret, V1TokenSecret, V1Header(), "s6npKHEFSxFN4Kn7jGHKfpcDUOI=" },
        { "GET", "https://api.x.com/2/users/370773112/blocking?max_results=1000&pagination_token=7140dibdnow9c7btw481s8m561gat797&user.fields=id,name,username", null, V1ConsumerSecret, V1TokenSecret, V1Header(), "bPgXJ56XgTAKFhmxxtax8v5WriU=" },
        { "POST", "https://api.x.com/2/lists", null, V1ConsumerSecret, V1TokenSecret, V1Header(), "AQOaBcen6NhbK/chgMCqWEhMpAY=" },
        { "POST", "https://api.x.com/1.1/lists/create.json", "name=vault&mode=private&description=" + OAuthPercentEncoding.Encode("驨ꍬ啯𒁷ꍲᕤ"), V1ConsumerSecret, V1TokenSecret, V1Header(), "H7GUEMCnjmVbw+al3LiVKJbsrsc=" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signature_Matches_PublishedVector(string method, string url, string? body, string consumerSecret, string? tokenSecret, string header, string expected)
    {
        var uri = new Uri(url);
        var parameters = OAuthSignatureBase.ParseQuery(uri.Query).Concat(OAuthSignatureBase.ParseQuery(body)).Concat(Parse(header));
        var signatureBase = OAuthSignatureBase.Build(method, uri, parameters);

        var signature = OAuthSignature.Compute(signatureBase, consumerSecret, tokenSecret);

        Assert.True(expected == signature, $"{method} {url}: expected {expected}, got {signature}\nbase string: {signatureBase}");
        Assert.True(OAuthSignature.Matches(signatureBase, consumerSecret, tokenSecret, expected), "Matches() must accept the published signature");
    }

    /// <summary>The vectors our signer can produce: those sending <c>oauth_version=1.0</c> (RFC 5849's omit it).</summary>
    public static TheoryData<string, string, string?, string, string?, string, string> SignerVectors
    {
        get
        {
            var vectors = new TheoryData<string, string, string?, string, string?, string, string>();
            foreach (var row in Vectors.Where(row => ((string)row[5]).Contains("oauth_version=1.0", StringComparison.Ordinal)))
            {
                vectors.Add((string)row[0], (string)row[1], (string?)row[2], (string)row[3], (string?)row[4], (string)row[5], (string)row[6]);
            }

            return vectors;
        }
    }

    [Theory]
    [MemberData(nameof(SignerVectors))]
    public async Task SignAsync_ProducesPublishedVector_ForTheSameHttpRequest(string method, string url, string? body, string consumerSecret, string? tokenSecret, string header, string expected)
    {
        var protocol = Parse(header).ToDictionary(p => p.Name, p => p.Value);
        var credentials = new OAuthCredentials(protocol["oauth_consumer_key"], consumerSecret, protocol.GetValueOrDefault("oauth_token"), tokenSecret);
        var extra = protocol.Where(p => p.Key is "oauth_callback").Select(p => new OAuthParameter(p.Key, p.Value)).ToList();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(long.Parse(protocol["oauth_timestamp"], System.Globalization.CultureInfo.InvariantCulture)));
        var signer = new OAuthRequestSigner(clock, () => protocol["oauth_nonce"]);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        else if (url.EndsWith("/2/lists", StringComparison.Ordinal))
        {
            request.Content = new StringContent("{\"name\":\"vault\",\"private\":true}", Encoding.UTF8, "application/json");
        }

        await signer.SignAsync(request, credentials, extra);

        Assert.True(OAuthAuthorization.TryParse(request.Headers.Authorization!.ToString(), out var sent), "the signer's header must parse");
        Assert.Equal(expected, sent.Signature);
    }

    [Fact]
    public void SignatureBase_Matches_XDocsVerbatim()
    {
        const string Expected = "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521";
        const string ExpectedParameters = "include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21";
        var parameters = new List<OAuthParameter>
        {
            new("include_entities", "true"),
            new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        };
        parameters.AddRange(Parse(V1Header()));

        Assert.Equal(ExpectedParameters, OAuthSignatureBase.NormalizeParameters(parameters));
        var signatureBase = OAuthSignatureBase.Build("post", new Uri("https://api.x.com/1.1/statuses/update.json?include_entities=true"), parameters);
        Assert.Equal(Expected, signatureBase);
        Assert.Equal(2, signatureBase.Count(c => c == '&'));
        Assert.Equal("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE", OAuthSignature.SigningKey(V1ConsumerSecret, V1TokenSecret));
        Assert.Equal("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=", OAuthSignature.Compute(signatureBase, V1ConsumerSecret, V1TokenSecret));
    }

    [Fact]
    public void SignatureBase_Matches_LogInWithXRequestTokenVerbatim()
    {
        const string Expected = "POST&https%3A%2F%2Fapi.twitter.com%2Foauth%2Frequest_token&oauth_callback%3Dhttp%253A%252F%252Flocalhost%252Fsign-in-with-twitter%252F%26oauth_consumer_key%3DcChZNFj6T5R0TigYB9yd1w%26oauth_nonce%3Dea9ec8429b68d6b77cd5600adbbb0456%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318467427%26oauth_version%3D1.0";
        Assert.Equal(Expected, OAuthSignatureBase.Build("POST", new Uri("https://api.twitter.com/oauth/request_token"), Parse(RequestTokenHeader())));
        Assert.Equal("L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg&", OAuthSignature.SigningKey(LoginConsumerSecret, null));
    }

    [Fact]
    public void SignatureBase_Matches_LogInWithXAccessTokenVerbatim()
    {
        const string Expected = "POST&https%3A%2F%2Fapi.twitter.com%2Foauth%2Faccess_token&oauth_consumer_key%3DcChZNFj6T5R0TigYB9yd1w%26oauth_nonce%3Da9900fe68e2573b27a37f10fbad6a755%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318467427%26oauth_token%3DNPcudxy0yU5T3tBzho7iCotZ3cnetKwcTIRlX0iwRl0%26oauth_verifier%3Duw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY%26oauth_version%3D1.0";
        var parameters = Parse(AccessTokenHeader()).Append(new OAuthParameter("oauth_verifier", "uw7NjWHT6OJ1MpJOXsHfNxoAhPKpgI8BlYDhxEjIBY"));
        Assert.Equal(Expected, OAuthSignatureBase.Build("POST", new Uri("https://api.twitter.com/oauth/access_token"), parameters));
    }

    [Fact]
    public void SignatureBase_Matches_Rfc5849Example()
    {
        const string Expected = "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";
        const string Header = "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", oauth_signature=\"djosJKDKJSD8743243%2Fjdk33klY%3D\"";
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        Assert.True(OAuthAuthorization.TryParse(Header, out var authorization));
        Assert.Equal("Example", authorization.Realm);
        Assert.Equal("djosJKDKJSD8743243/jdk33klY=", authorization.Signature);

        var query = OAuthSignatureBase.ParseQuery(uri.Query);
        Assert.Contains(new OAuthParameter("b5", "=%3D"), query);
        var body = OAuthSignatureBase.ParseQuery("c2&a3=2+q");
        Assert.Equal([new OAuthParameter("c2", ""), new OAuthParameter("a3", "2 q")], body);

        Assert.Equal(Expected, OAuthSignatureBase.Build("POST", uri, [.. query, .. body, .. authorization.SignedParameters]));
    }

    [Theory]
    [InlineData("http://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("HTTPS://API.X.COM:443/2/users/me", "https://api.x.com/2/users/me")]
    [InlineData("http://127.0.0.1:5180/2/users/me?user.fields=name", "http://127.0.0.1:5180/2/users/me")]
    [InlineData("http://localhost:443/x", "http://localhost:443/x")]
    public void BaseUri_KeepsNonDefaultPort_AndDropsDefaultOne(string url, string expected) =>
        Assert.Equal(expected, OAuthSignatureBase.NormalizeUri(new Uri(url)));

    private static string V1Header() =>
        $"oauth_consumer_key={V1ConsumerKey};oauth_nonce={V1Nonce};oauth_signature_method=HMAC-SHA1;oauth_timestamp={V1Timestamp};oauth_token={V1Token};oauth_version=1.0";

    private static string RequestTokenHeader() =>
        $"oauth_callback=http://localhost/sign-in-with-twitter/;oauth_consumer_key={LoginConsumerKey};oauth_nonce=ea9ec8429b68d6b77cd5600adbbb0456;oauth_signature_method=HMAC-SHA1;oauth_timestamp=1318467427;oauth_version=1.0";

    private static string AccessTokenHeader() =>
        $"oauth_consumer_key={LoginConsumerKey};oauth_nonce=a9900fe68e2573b27a37f10fbad6a755;oauth_signature_method=HMAC-SHA1;oauth_timestamp=1318467427;oauth_token={LoginRequestToken};oauth_version=1.0";

    private static IEnumerable<OAuthParameter> Parse(string header) =>
        header.Split(';').Select(pair => pair.Split('=', 2)).Select(kv => new OAuthParameter(kv[0], kv[1]));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
