using System.Text;
using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class SyncSealTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly SyncPageBinding Page = new(Owner, Guid.NewGuid(), "blocking", 3);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""[{"id":"2000000001","handle":"user000001"}]""");

    [Fact]
    public void Open_ReturnsThePayload_SealedToTheUsersPublicKey()
    {
        using var keys = SyncKeyPair.Generate();

        var sealedPage = SyncSeal.Seal(keys.PublicKey, Page, Payload);

        Assert.Equal(Payload, SyncSeal.Open(keys, Page, sealedPage));
        Assert.Equal(SyncSeal.FormatVersion, sealedPage[0]);
    }

    [Fact]
    public void Seal_IsRandomised_SoEqualPagesDiffer()
    {
        using var keys = SyncKeyPair.Generate();

        Assert.NotEqual(SyncSeal.Seal(keys.PublicKey, Page, Payload), SyncSeal.Seal(keys.PublicKey, Page, Payload));
    }

    public static TheoryData<string, SyncPageBinding> MovedPages() => new()
    {
        { "another user", Page with { UserId = Guid.NewGuid() } },
        { "another run", Page with { RunId = Guid.NewGuid() } },
        { "another relation", Page with { Relation = "muting" } },
        { "another page number", Page with { Page = 4 } },
    };

    [Theory]
    [MemberData(nameof(MovedPages))]
    public void Open_Fails_WhenThePageIsMoved(string where, SyncPageBinding moved)
    {
        using var keys = SyncKeyPair.Generate();
        var sealedPage = SyncSeal.Seal(keys.PublicKey, Page, Payload);

        var error = Assert.Throws<CiphertextException>(() => SyncSeal.Open(keys, moved, sealedPage));
        Assert.True(error.Failure == CiphertextFailure.Forged, $"a page moved to {where} must be refused as forged, not {error.Failure}");
    }

    public static TheoryData<string, Func<byte[], byte[]>, CiphertextFailure> DamagedPages() => new()
    {
        { "a flipped byte in the box", bytes => Flip(bytes, bytes.Length / 2), CiphertextFailure.Forged },
        { "a flipped last byte (tag)", bytes => Flip(bytes, bytes.Length - 1), CiphertextFailure.Forged },
        { "a flipped ephemeral key byte", bytes => Flip(bytes, 1), CiphertextFailure.Forged },
        { "an unknown version", bytes => Flip(bytes, 0), CiphertextFailure.UnknownVersion },
        { "cut to the overhead", bytes => bytes[..49], CiphertextFailure.Truncated },
        { "cut short by one byte", bytes => bytes[..^1], CiphertextFailure.Forged },
    };

    [Theory]
    [MemberData(nameof(DamagedPages))]
    public void Open_Fails_WhenThePageIsDamaged(string damage, Func<byte[], byte[]> change, CiphertextFailure expected)
    {
        using var keys = SyncKeyPair.Generate();
        var sealedPage = SyncSeal.Seal(keys.PublicKey, Page, Payload);

        var error = Assert.Throws<CiphertextException>(() => SyncSeal.Open(keys, Page, change(sealedPage)));
        Assert.True(error.Failure == expected, $"{damage}: expected {expected}, got {error.Failure}");
    }

    [Fact]
    public void Open_Fails_WithAnotherUsersKeyPair()
    {
        using var keys = SyncKeyPair.Generate();
        using var others = SyncKeyPair.Generate();
        var sealedPage = SyncSeal.Seal(keys.PublicKey, Page, Payload);

        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => SyncSeal.Open(others, Page, sealedPage)).Failure);
    }

    [Fact]
    public void Open_Fails_WhenSomeoneWithThePublicKeySealsAPageWithoutABinding()
    {
        using var keys = SyncKeyPair.Generate();
        var unbound = new byte[] { SyncSeal.FormatVersion }.Concat(Sodium.SealedPublicKeyBox.Create(new byte[] { 0, 0, 0, 200, 1, 2 }, keys.PublicKey)).ToArray();

        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => SyncSeal.Open(keys, Page, unbound)).Failure);
    }

    [Fact]
    public void SecretKey_UnwrapsWithTheUsersDataKey_AndOpensPages()
    {
        using var ring = new UserKeyRing(Owner, [DataKey.Generate(1)]);
        using var keys = SyncKeyPair.Generate();
        var wrapped = keys.WrapSecretKey(ring);

        using var unwrapped = SyncKeyPair.Unwrap(ring, keys.PublicKey, wrapped);

        Assert.Equal(keys.SecretKey, unwrapped.SecretKey);
        Assert.Equal(Payload, SyncSeal.Open(unwrapped, Page, SyncSeal.Seal(keys.PublicKey, Page, Payload)));
        Assert.DoesNotContain(Convert.ToHexString(keys.SecretKey), Convert.ToHexString(wrapped.ToArray()), StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<UserKeyRing, SyncKeyPair, (UserKeyRing Ring, byte[] PublicKey, Ciphertext Wrapped)>> WrongUnwraps() => new()
    {
        { "another user's data key", (ring, keys) => (new UserKeyRing(Guid.NewGuid(), [DataKey.Generate(1)]), keys.PublicKey, keys.WrapSecretKey(ring)) },
        { "another data key of the same user", (ring, keys) => (new UserKeyRing(Owner, [DataKey.Generate(1)]), keys.PublicKey, keys.WrapSecretKey(ring)) },
        { "a public key swapped in the database", (ring, keys) => (ring, SyncKeyPair.Generate().PublicKey, keys.WrapSecretKey(ring)) },
        { "a tampered wrapped key", (ring, keys) => (ring, keys.PublicKey, new Ciphertext(Flip(keys.WrapSecretKey(ring).ToArray(), 40))) },
    };

    [Theory]
    [MemberData(nameof(WrongUnwraps))]
    public void SecretKey_DoesNotUnwrap_WithTheWrongKeysOrPublicKey(
        string what, Func<UserKeyRing, SyncKeyPair, (UserKeyRing Ring, byte[] PublicKey, Ciphertext Wrapped)> arrange)
    {
        using var ring = new UserKeyRing(Owner, [DataKey.Generate(1)]);
        using var keys = SyncKeyPair.Generate();
        var (openWith, publicKey, wrapped) = arrange(ring, keys);

        var error = Assert.Throws<CiphertextException>(() => SyncKeyPair.Unwrap(openWith, publicKey, wrapped));
        Assert.True(error.Failure == CiphertextFailure.Forged, $"{what}: expected Forged, got {error.Failure}");
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
