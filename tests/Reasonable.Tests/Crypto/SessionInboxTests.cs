using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

/// <summary>A data key sealed to a session's inbox opens only with that session's secret key, for that session, user and version.</summary>
public sealed class SessionInboxTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly Guid User = Guid.NewGuid();

    [Fact]
    public void OpenDataKey_ReturnsTheSealedKey_ForItsSessionUserAndVersion()
    {
        using var inbox = SessionInbox.Create(Ring, Session);
        using var key = DataKey.Generate(2);

        using var opened = SessionInbox.OpenDataKey(inbox.SecretKey, Session, User, 2, SessionInbox.SealDataKey(Ring, Session, User, inbox.SealedPublicKey, key));

        Assert.Equal((2u, Convert.ToHexString(key.Key)), (opened.Version, Convert.ToHexString(opened.Key)));
    }

    public static TheoryData<string> Mismatches => ["another session", "another user", "another version", "another inbox", "a tampered byte", "truncated"];

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void OpenDataKey_FailsClosed(string mismatch)
    {
        using var inbox = SessionInbox.Create(Ring, Session);
        using var other = SessionInbox.Create(Ring, Session);
        using var key = DataKey.Generate(2);
        var sealedKey = SessionInbox.SealDataKey(Ring, Session, User, inbox.SealedPublicKey, key);

        var attempt = mismatch switch
        {
            "another session" => () => SessionInbox.OpenDataKey(inbox.SecretKey, Guid.NewGuid(), User, 2, sealedKey),
            "another user" => () => SessionInbox.OpenDataKey(inbox.SecretKey, Session, Guid.NewGuid(), 2, sealedKey),
            "another version" => () => SessionInbox.OpenDataKey(inbox.SecretKey, Session, User, 3, sealedKey),
            "another inbox" => () => SessionInbox.OpenDataKey(other.SecretKey, Session, User, 2, sealedKey),
            "a tampered byte" => () => SessionInbox.OpenDataKey(inbox.SecretKey, Session, User, 2, [.. sealedKey[..^1], (byte)(sealedKey[^1] ^ 1)]),
            _ => new Func<DataKey>(() => SessionInbox.OpenDataKey(inbox.SecretKey, Session, User, 2, sealedKey[..20])),
        };

        Assert.Throws<CiphertextException>(attempt);
    }

    [Fact]
    public void SealDataKey_Refuses_APublicKeyNotSealedByThisServerForThisSession()
    {
        using var inbox = SessionInbox.Create(Ring, Session);
        using var foreign = SessionInbox.Create(new MasterKeyRing([MasterKey.Generate()]), Session);
        using var key = DataKey.Generate(2);

        Assert.Throws<CiphertextException>(() => SessionInbox.SealDataKey(Ring, Guid.NewGuid(), User, inbox.SealedPublicKey, key));
        Assert.Throws<CiphertextException>(() => SessionInbox.SealDataKey(Ring, Session, User, foreign.SealedPublicKey, key));
    }

    [Fact]
    public void SessionKeys_CarryTheInboxSecretKey_BesideTheDataKeys()
    {
        using var inbox = SessionInbox.Create(Ring, Session);
        var keys = new[] { DataKey.Generate(1) };

        using var set = SessionKeys.Open(Ring, Session, User, SessionKeys.Wrap(Ring, Session, User, keys, inbox.SecretKey));

        Assert.Equal([1u], set.DataKeys.Select(key => key.Version));
        Assert.Equal(Convert.ToHexString(inbox.SecretKey), Convert.ToHexString(set.InboxSecretKey!));
        Assert.Null(SessionKeys.Open(Ring, Session, User, SessionKeys.Wrap(Ring, Session, User, keys)).InboxSecretKey);
    }

    [Fact]
    public void RetiredDataKeys_OpenNothing_ButStillKeyTheBlindIndexes()
    {
        var first = DataKey.Generate(1);
        var second = DataKey.Generate(2);
        var location = new FieldLocation("reasons", "content_ciphertext", Guid.NewGuid());
        using var before = new UserKeyRing(User, [new DataKey(1, (byte[])first.Key.Clone())]);
        var underFirst = before.Encrypt(location, "sealed under the first key");
        using var after = new UserKeyRing(User, [first, second], retiredThrough: 1);

        Assert.Equal(CiphertextFailure.UnknownKey, Assert.Throws<CiphertextException>(() => after.Decrypt(location, underFirst)).Failure);
        Assert.Equal(2u, after.Encrypt(location, "new").KeyId);
        Assert.Equal(Convert.ToHexString(before.BlindIndex("accounts", "tag", "spam", 12)), Convert.ToHexString(after.BlindIndex("accounts", "tag", "spam", 12)));
    }
}
