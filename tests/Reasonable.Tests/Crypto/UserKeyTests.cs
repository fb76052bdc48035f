using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class UserKeyTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    [Fact]
    public void Unwrap_ReturnsTheWrappedKeyAndVersion()
    {
        using var key = UserKey.Generate(3);

        using var unwrapped = UserKey.Unwrap(Ring, key.Wrap(Ring, "x", null, "12345"), "x", null, "12345");

        Assert.Equal(key.Key, unwrapped.Key);
        Assert.Equal(3u, unwrapped.Version);
    }

    [Theory]
    [InlineData("x", "99999")]
    [InlineData("mastodon", "12345")]
    public void Unwrap_Fails_ForAnotherUserOrProvider(string provider, string providerUserId)
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", null, "12345");

        var error = Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Ring, wrapped, provider, null, providerUserId));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Unwrap_Fails_WithAnotherServersMasterKey()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", null, "12345");

        var error = Assert.Throws<CiphertextException>(() => UserKey.Unwrap(new MasterKeyRing([MasterKey.Generate()]), wrapped, "x", null, "12345"));
        Assert.Equal(CiphertextFailure.UnknownKey, error.Failure);
    }

    [Fact]
    public void Unwrap_StillWorks_AfterTheMasterKeyRotates()
    {
        var old = MasterKey.Generate();
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(new MasterKeyRing([old]), "x", null, "12345");

        using var unwrapped = UserKey.Unwrap(new MasterKeyRing([MasterKey.Generate(), old]), wrapped, "x", null, "12345");

        Assert.Equal(key.Key, unwrapped.Key);
    }

    [Fact]
    public void WrappedKey_FitsTheKeyListDescription_InBase65536()
    {
        using var key = UserKey.Generate(1);
        var encoded = Base65536.Encode(key.Wrap(Ring, "x", null, "12345").Span);
        var description = $"Don't change! ➡️ https://reasonable.example/help/key-list {encoded}";

        Assert.True(description.EnumerateRunes().Count() <= 100, $"{description.EnumerateRunes().Count()} code points");
        Assert.Equal(key.Key, UserKey.Unwrap(Ring, new Ciphertext(Base65536.Decode(encoded)), "x", null, "12345").Key);
    }
}
