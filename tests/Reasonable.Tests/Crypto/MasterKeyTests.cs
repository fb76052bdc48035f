using Reasonable.Crypto;
using Sodium;

namespace Reasonable.Tests.Crypto;

public sealed class MasterKeyTests
{
    private static readonly (BuildKeySet Keys, byte[] CheckSecretSeed) Build = BuildKeySet.Generate();

    [Fact]
    public void Open_ReturnsTheKeyAndId_ThatWereSealed()
    {
        var masterKey = MasterKey.Generate();
        var text = SealedMasterKey.Create(masterKey, Build.Keys.ArchPublicKey, Build.CheckSecretSeed);

        var opened = SealedMasterKey.Open(text, Build.Keys);

        Assert.StartsWith("rmk1.", text, StringComparison.Ordinal);
        Assert.Equal(masterKey.KeyId, opened.KeyId);
        Assert.Equal(masterKey.Key, opened.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_Refuses_AMissingKey(string? text) => AssertRefused(text, Build.Keys, MasterKeyProblem.Missing);

    [Theory]
    [InlineData("rmk1.")]
    [InlineData("rmk1.not*base64")]
    [InlineData("ak1.AAAA")]
    [InlineData("rmk2.AAAA")]
    public void Open_Refuses_AMalformedKey(string text) => AssertRefused(text, Build.Keys, MasterKeyProblem.Malformed);

    [Fact]
    public void Open_Refuses_AKeyOfTheRightShapeButWrongLength()
    {
        var text = SealedMasterKey.Create(MasterKey.Generate(), Build.Keys.ArchPublicKey, Build.CheckSecretSeed);

        AssertRefused(text[..^4], Build.Keys, MasterKeyProblem.Malformed);
    }

    [Fact]
    public void Open_Refuses_AKeySealedToAnotherArchKey()
    {
        var other = BuildKeySet.Generate();
        var text = SealedMasterKey.Create(MasterKey.Generate(), other.Keys.ArchPublicKey, Build.CheckSecretSeed);

        AssertRefused(text, Build.Keys, MasterKeyProblem.SealedToAnotherArchKey);
    }

    [Fact]
    public void Open_Refuses_AKeySignedByAnotherCheckKey()
    {
        var text = SealedMasterKey.Create(MasterKey.Generate(), Build.Keys.ArchPublicKey, SodiumCore.GetRandomBytes(32));

        AssertRefused(text, Build.Keys, MasterKeyProblem.SignedByAnotherCheckKey);
    }

    [Fact]
    public void Problems_HaveDistinctOneLineMessages()
    {
        var messages = Enum.GetValues<MasterKeyProblem>().Select(problem => new MasterKeyException(problem).Message).ToList();

        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.All(messages, message => Assert.DoesNotContain('\n', message));
    }

    [Fact]
    public void BuildKeySet_RoundTripsThroughItsText()
    {
        var parsed = BuildKeySet.Parse(Build.Keys.Format());

        Assert.Equal(Build.Keys.ArchPublicKey, parsed.ArchPublicKey);
        Assert.Equal(Build.Keys.ArchSecretKey, parsed.ArchSecretKey);
        Assert.Equal(Build.Keys.CheckPublicKey, parsed.CheckPublicKey);
    }

    [Fact]
    public void BuildKeySet_Rejects_AnArchSecretKeyThatDoesNotMatchItsPublicKey()
    {
        var other = BuildKeySet.Generate().Keys;
        var mixed = new BuildKeySet(Build.Keys.ArchPublicKey, other.ArchSecretKey, Build.Keys.CheckPublicKey);

        var error = Assert.Throws<FormatException>(() => BuildKeySet.Parse(mixed.Format()));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ak1.tooshort")]
    [InlineData("apk1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void BuildKeySet_Rejects_MalformedText(string text) => Assert.Throws<FormatException>(() => BuildKeySet.Parse(text));

    private static void AssertRefused(string? text, BuildKeySet keys, MasterKeyProblem expected)
    {
        var error = Assert.Throws<MasterKeyException>(() => SealedMasterKey.Open(text, keys));
        Assert.Equal(expected, error.Problem);
    }
}
