using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class RecoveryKeyTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    public static TheoryData<string, CiphertextFailure> Tampering => new()
    {
        { "a wrong code", CiphertextFailure.Forged },
        { "a changed salt", CiphertextFailure.Forged },
        { "a tampered byte in the wrapped secret key", CiphertextFailure.Forged },
        { "a tampered byte in the sealed user key", CiphertextFailure.Forged },
        { "a tampered byte in the public key", CiphertextFailure.Forged },
        { "a truncated sealed user key", CiphertextFailure.Forged },
        { "the rows moved to another user", CiphertextFailure.Forged },
        { "the user key sealed for another user", CiphertextFailure.Forged },
        { "a stale user-key version", CiphertextFailure.Forged },
        { "another user's public key", CiphertextFailure.Forged },
        { "another server's master key", CiphertextFailure.UnknownKey },
    };

    [Fact]
    public void Open_GivesBackTheUserKey_EvenWhenTypedCarelessly()
    {
        var user = Guid.NewGuid();
        using var userKey = UserKey.Generate(1);
        var code = RecoveryCode.Generate();
        var setup = RecoveryKey.Create(Ring, code, user, userKey);

        using var opened = RecoveryKey.Open(Ring, code.ToLowerInvariant().Replace('-', ' '), user, 1, setup);

        Assert.Equal(userKey.Key, opened.Key);
        Assert.Equal(1u, opened.Version);
    }

    [Fact]
    public void Open_GivesBackTheNewUserKey_AfterTheServerSealedItWithoutTheCode()
    {
        var user = Guid.NewGuid();
        using var first = UserKey.Generate(1);
        using var rotated = UserKey.Generate(2);
        var code = RecoveryCode.Generate();
        var setup = RecoveryKey.Create(Ring, code, user, first);

        var resealed = setup with { SealedUserKey = RecoveryKey.SealUserKey(Ring, user, setup.PublicKey, rotated) };

        using var opened = RecoveryKey.Open(Ring, code, user, 2, resealed);
        Assert.Equal(rotated.Key, opened.Key);
        Assert.Throws<CiphertextException>(() => RecoveryKey.Open(Ring, code, user, 2, setup));
    }

    [Fact]
    public void SealUserKey_RefusesAPublicKeyTheServerDidNotSeal()
    {
        var user = Guid.NewGuid();
        using var userKey = UserKey.Generate(2);
        using var planted = Sodium.PublicKeyBox.GenerateKeyPair();
        var otherServer = new MasterKeyRing([new MasterKey(Ring.PrimaryKeyId, Sodium.SodiumCore.GetRandomBytes(Aead.KeyLength))]);
        var plantedPublicKey = otherServer.Encrypt(ServerSubkey.RecoveryPublicKey, planted.PublicKey, AssociatedData.For("reasonable/recovery-public-key/v1").Add(user));

        var failure = Assert.Throws<CiphertextException>(() => RecoveryKey.SealUserKey(Ring, user, plantedPublicKey, userKey));

        Assert.Equal(CiphertextFailure.Forged, failure.Failure);
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Open_Fails_With(string change, CiphertextFailure expected)
    {
        var user = Guid.NewGuid();
        var otherUser = Guid.NewGuid();
        using var userKey = UserKey.Generate(3);
        var code = RecoveryCode.Generate();
        var setup = RecoveryKey.Create(Ring, code, user, userKey);
        var (ring, openAs, version, tampered) = change switch
        {
            "a wrong code" => (Ring, user, 3u, setup),
            "a changed salt" => (Ring, user, 3u, setup with { Salt = Flip(setup.Salt, 0) }),
            "a tampered byte in the wrapped secret key" => (Ring, user, 3u, setup with { SecretKeyCiphertext = new Ciphertext(Flip(setup.SecretKeyCiphertext.ToArray(), 40)) }),
            "a tampered byte in the sealed user key" => (Ring, user, 3u, setup with { SealedUserKey = Flip(setup.SealedUserKey, 40) }),
            "a tampered byte in the public key" => (Ring, user, 3u, setup with { PublicKey = new Ciphertext(Flip(setup.PublicKey.ToArray(), 40)) }),
            "a truncated sealed user key" => (Ring, user, 3u, setup with { SealedUserKey = setup.SealedUserKey[..^1] }),
            "the rows moved to another user" => (Ring, otherUser, 3u, setup),
            "the user key sealed for another user" => (Ring, user, 3u, setup with { SealedUserKey = RecoveryKey.SealUserKey(Ring, otherUser, RecoveryKey.Create(Ring, code, otherUser, userKey).PublicKey, userKey) }),
            "a stale user-key version" => (Ring, user, 4u, setup),
            "another user's public key" => (Ring, user, 3u, setup with { PublicKey = RecoveryKey.Create(Ring, code, otherUser, userKey).PublicKey }),
            "another server's master key" => (new MasterKeyRing([MasterKey.Generate()]), user, 3u, setup),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown case."),
        };
        var typed = change == "a wrong code" ? RecoveryCode.Generate() : code;

        var failure = Assert.Throws<CiphertextException>(() => RecoveryKey.Open(ring, typed, openAs, version, tampered));

        Assert.True(expected == failure.Failure, $"{change}: expected {expected}, got {failure.Failure}");
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
