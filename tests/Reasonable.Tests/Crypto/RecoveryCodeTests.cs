using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class RecoveryCodeTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    [Fact]
    public void Generate_MakesDistinctReadableCodes()
    {
        var code = RecoveryCode.Generate();

        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.NotEqual(code, RecoveryCode.Generate());
    }

    [Fact]
    public void LegacyUnwrap_RestoresTheUserKey_EvenWhenTypedCarelessly()
    {
        var user = Guid.NewGuid();
        using var key = UserKey.Generate(3);
        var code = RecoveryCode.Generate();
        var (salt, wrapped) = RecoveryCode.LegacyWrap(Ring, code, key, user);
        var typed = code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal).Replace('0', 'o');

        using var restored = RecoveryCode.LegacyUnwrap(Ring, typed, salt, wrapped, user);

        Assert.Equal(key.Key, restored.Key);
        Assert.Equal(3u, restored.Version);
    }

    [Fact]
    public void LegacyUnwrap_Fails_WithAWrongCode_AnotherUser_OrAnotherServer()
    {
        var user = Guid.NewGuid();
        using var key = UserKey.Generate(1);
        var code = RecoveryCode.Generate();
        var (salt, wrapped) = RecoveryCode.LegacyWrap(Ring, code, key, user);

        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => RecoveryCode.LegacyUnwrap(Ring, RecoveryCode.Generate(), salt, wrapped, user)).Failure);
        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => RecoveryCode.LegacyUnwrap(Ring, code, salt, wrapped, Guid.NewGuid())).Failure);
        Assert.Equal(CiphertextFailure.UnknownKey, Assert.Throws<CiphertextException>(() => RecoveryCode.LegacyUnwrap(new MasterKeyRing([MasterKey.Generate()]), code, salt, wrapped, user)).Failure);
    }
}
