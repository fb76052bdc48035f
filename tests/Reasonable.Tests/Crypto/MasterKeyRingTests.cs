using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class MasterKeyRingTests
{
    [Fact]
    public void Subkeys_AreDistinctPerPurpose_AndNeverTheMasterKeyItself()
    {
        var master = MasterKey.Generate();
        var ring = new MasterKeyRing([master]);

        var subkeys = Enum.GetValues<ServerSubkey>().Select(purpose => Convert.ToHexString(ring.Subkey(purpose, master.KeyId))).ToList();

        Assert.Equal(subkeys.Count, subkeys.Distinct().Count());
        Assert.DoesNotContain(Convert.ToHexString(master.Key), subkeys);
    }

    [Fact]
    public void Subkeys_DifferBetweenMasterKeys()
    {
        var first = MasterKey.Generate();
        var second = MasterKey.Generate();
        var ring = new MasterKeyRing([first, second]);

        Assert.NotEqual(ring.Subkey(ServerSubkey.OAuthToken, first.KeyId), ring.Subkey(ServerSubkey.OAuthToken, second.KeyId));
    }

    [Fact]
    public void Decrypt_Fails_WhenAValueSealedForOnePurposeIsOpenedForAnother()
    {
        var ring = new MasterKeyRing([MasterKey.Generate()]);
        var binding = AssociatedData.For("test/v1");
        var ciphertext = ring.Encrypt(ServerSubkey.OAuthToken, "token"u8, binding);

        var error = Assert.Throws<CiphertextException>(() => ring.Decrypt(ServerSubkey.SessionWrap, ciphertext, binding));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_StillOpensValuesSealedUnderAnOlderMasterKey_AfterRotation()
    {
        var old = MasterKey.Generate();
        var binding = AssociatedData.For("test/v1");
        var ciphertext = new MasterKeyRing([old]).Encrypt(ServerSubkey.OAuthToken, "token"u8, binding);

        var rotated = new MasterKeyRing([MasterKey.Generate(), old]);

        Assert.Equal("token"u8.ToArray(), rotated.Decrypt(ServerSubkey.OAuthToken, ciphertext, binding));
        Assert.NotEqual(old.KeyId, rotated.Encrypt(ServerSubkey.OAuthToken, "token"u8, binding).KeyId);
    }

    [Fact]
    public void Decrypt_Fails_WithUnknownKey_WhenTheMasterKeyIsNotInTheRing()
    {
        var binding = AssociatedData.For("test/v1");
        var ciphertext = new MasterKeyRing([MasterKey.Generate()]).Encrypt(ServerSubkey.OAuthToken, "token"u8, binding);

        var error = Assert.Throws<CiphertextException>(() => new MasterKeyRing([MasterKey.Generate()]).Decrypt(ServerSubkey.OAuthToken, ciphertext, binding));
        Assert.Equal(CiphertextFailure.UnknownKey, error.Failure);
    }

    [Fact]
    public void Constructor_Rejects_TheSameKeyIdTwice()
    {
        var key = MasterKey.Generate();

        Assert.Throws<ArgumentException>(() => new MasterKeyRing([key, new MasterKey(key.KeyId, new byte[32])]));
    }

    [Fact]
    public void LookupHash_IsStable_AndSeparatesProvidersUsersAndMasterKeys()
    {
        var first = MasterKey.Generate();
        var second = MasterKey.Generate();
        var ring = new MasterKeyRing([first, second]);

        var hash = UserLookup.Hash(ring, first.KeyId, "x", null, "6253282");

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, UserLookup.Hash(ring, first.KeyId, "x", null, "6253282"));
        Assert.NotEqual(hash, UserLookup.Hash(ring, first.KeyId, "mastodon", null, "6253282"));
        Assert.NotEqual(hash, UserLookup.Hash(ring, first.KeyId, "x", null, "6253283"));
        Assert.NotEqual(hash, UserLookup.Hash(ring, second.KeyId, "x", null, "6253282"));
        Assert.Equal(hash, UserLookup.Candidates(ring, "x", null, "6253282").First());
        Assert.Equal(2, UserLookup.Candidates(ring, "x", null, "6253282").Count());
    }
}
