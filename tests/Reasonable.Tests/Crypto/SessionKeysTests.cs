using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class SessionKeysTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    [Fact]
    public void Unwrap_ReturnsEveryDataKey_ForTheSameSessionAndUser()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        var keys = new[] { DataKey.Generate(1), DataKey.Generate(2) };

        var unwrapped = SessionKeys.Unwrap(Ring, session, user, SessionKeys.Wrap(Ring, session, user, keys));

        Assert.Equal(keys.Select(key => (key.Version, Convert.ToHexString(key.Key))), unwrapped.Select(key => (key.Version, Convert.ToHexString(key.Key))));
    }

    [Fact]
    public void Unwrap_Fails_InAnotherSession_ForAnotherUser_OrWithAnotherServer()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        var wrapped = SessionKeys.Wrap(Ring, session, user, [DataKey.Generate(1)]);

        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => SessionKeys.Unwrap(Ring, Guid.NewGuid(), user, wrapped)).Failure);
        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => SessionKeys.Unwrap(Ring, session, Guid.NewGuid(), wrapped)).Failure);
        Assert.Equal(CiphertextFailure.UnknownKey, Assert.Throws<CiphertextException>(() => SessionKeys.Unwrap(new MasterKeyRing([MasterKey.Generate()]), session, user, wrapped)).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AQAAAAA")]
    public void Unwrap_Fails_OnGarbage(string wrapped)
    {
        Assert.Throws<CiphertextException>(() => SessionKeys.Unwrap(Ring, Guid.NewGuid(), Guid.NewGuid(), wrapped));
    }
}
