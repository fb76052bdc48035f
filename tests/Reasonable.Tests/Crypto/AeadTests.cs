using System.Text;
using Reasonable.Crypto;
using Sodium;

namespace Reasonable.Tests.Crypto;

public sealed class AeadTests
{
    private static readonly byte[] Key = SodiumCore.GetRandomBytes(32);
    private static AssociatedData Binding() => AssociatedData.For("test/v1").Add("users").Add(Guid.Empty);

    [Fact]
    public void Encrypt_ThenDecrypt_ReturnsThePlaintext()
    {
        var ciphertext = Aead.Encrypt(Key, 7, "hello"u8, Binding());

        Assert.Equal("hello", Encoding.UTF8.GetString(Aead.Decrypt(Key, ciphertext, Binding())));
        Assert.Equal(7u, ciphertext.KeyId);
        Assert.Equal(5 + Ciphertext.Overhead, ciphertext.Length);
    }

    [Fact]
    public void Encrypt_UsesAFreshNonce_SoEqualPlaintextsDiffer()
    {
        var first = Aead.Encrypt(Key, 1, "same"u8, Binding());
        var second = Aead.Encrypt(Key, 1, "same"u8, Binding());

        Assert.NotEqual(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Decrypt_Fails_WithAnotherKey()
    {
        var ciphertext = Aead.Encrypt(Key, 1, "secret"u8, Binding());

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(SodiumCore.GetRandomBytes(32), ciphertext, Binding()));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WhenAnyByteIsFlipped()
    {
        var bytes = Aead.Encrypt(Key, 1, "a reason worth protecting"u8, Binding()).ToArray();
        for (var position = 0; position < bytes.Length; position++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[position] ^= 0x01;

            var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, new Ciphertext(tampered), Binding()));
            var expected = position == 0 ? CiphertextFailure.UnknownVersion : CiphertextFailure.Forged;
            Assert.True(expected == error.Failure, $"flipping byte {position} gave {error.Failure}, expected {expected}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(Ciphertext.Overhead - 1)]
    public void Decrypt_Fails_WhenTruncatedBelowTheOverhead(int length)
    {
        var bytes = Aead.Encrypt(Key, 1, "x"u8, Binding()).ToArray()[..length];

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, new Ciphertext(bytes), Binding()));
        Assert.Equal(CiphertextFailure.Truncated, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WhenTheTagIsCutOff()
    {
        var bytes = Aead.Encrypt(Key, 1, "a longer value"u8, Binding()).ToArray();

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, new Ciphertext(bytes[..^1]), Binding()));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_OnAnUnknownFormatVersion()
    {
        var bytes = Aead.Encrypt(Key, 1, "x"u8, Binding()).ToArray();
        bytes[0] = 2;

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, new Ciphertext(bytes), Binding()));
        Assert.Equal(CiphertextFailure.UnknownVersion, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WhenTheKeyIdInTheHeaderIsRewritten()
    {
        var bytes = Aead.Encrypt(Key, 1, "x"u8, Binding()).ToArray();
        bytes[4] = 2;

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, new Ciphertext(bytes), Binding()));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WhenTheBindingDiffers()
    {
        var ciphertext = Aead.Encrypt(Key, 1, "x"u8, AssociatedData.For("test/v1").Add("ab").Add("c"));

        // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
        Assert.Throws<CiphertextException>(() => Aead.Decrypt(Key, ciphertext, AssociatedData.For("test/v1").Add("a").Add("bc")));
    }

    [Fact]
    public void ErrorMessages_NeverContainThePlaintext()
    {
        var ciphertext = Aead.Encrypt(Key, 1, "very private words"u8, Binding());

        var error = Assert.Throws<CiphertextException>(() => Aead.Decrypt(SodiumCore.GetRandomBytes(32), ciphertext, Binding()));
        Assert.DoesNotContain("private", error.ToString(), StringComparison.Ordinal);
    }
}
