using Reasonable.OAuth1;
using Xunit;

namespace Reasonable.Tests.Providers;

public sealed class OAuthPercentEncodingTests
{
    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("☃", "%E2%98%83")]
    [InlineData("!*'() ~", "%21%2A%27%28%29%20~")]
    [InlineData("ABCXYZabcxyz0189-._~", "ABCXYZabcxyz0189-._~")]
    [InlineData("/=?&%", "%2F%3D%3F%26%25")]
    [InlineData("𒁷", "%F0%92%81%B7")]
    [InlineData(" ", "%20")]
    [InlineData("", "")]
    public void Encode_FollowsRfc5849(string raw, string expected) =>
        Assert.Equal(expected, OAuthPercentEncoding.Encode(raw));

    [Theory]
    [InlineData("Ladies%20%2b%20Gentlemen", "Ladies + Gentlemen")]
    [InlineData("%E2%98%83", "☃")]
    [InlineData("%F0%92%81%B7", "𒁷")]
    [InlineData("a+b", "a+b")]
    [InlineData("100%", "100%")]
    public void Decode_ReversesEncoding_AndKeepsPlus(string encoded, string expected) =>
        Assert.Equal(expected, OAuthPercentEncoding.Decode(encoded));

    [Fact]
    public void DecodeForm_TreatsPlusAsSpace() =>
        Assert.Equal("2 q and %", OAuthPercentEncoding.DecodeForm("2+q+and+%25"));

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryKindOfCharacter()
    {
        const string Raw = "Base65536 驨ꍬ啯𒁷ꍲᕤ, emoji 💩, controls \t\n, reserved :/?#[]@!$&'()*+,;=";
        Assert.Equal(Raw, OAuthPercentEncoding.Decode(OAuthPercentEncoding.Encode(Raw)));
    }

    [Fact]
    public void NormalizeParameters_SortsEncodedNamesThenValues_Ordinally()
    {
        // Culture-aware sorting puts user_fields before user.fields, max_results before max-results and a before A.
        var parameters = new OAuthParameter[]
        {
            new("user_fields", "1"),
            new("user.fields", "id,name"),
            new("max_results", "5"),
            new("max-results", "6"),
            new("a", "x"),
            new("A", "y"),
            new("a3", "a"),
            new("a3", "2 q"),
            new("c@", ""),
        };

        Assert.Equal(
            "A=y&a=x&a3=2%20q&a3=a&c%40=&max-results=6&max_results=5&user.fields=id%2Cname&user_fields=1",
            OAuthSignatureBase.NormalizeParameters(parameters));
    }
}
