using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class UserKeyRingTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly FieldLocation Text = new("reasons", "text_ciphertext", Guid.NewGuid());

    [Fact]
    public void Decrypt_ReturnsAnyUnicodeText()
    {
        using var ring = new UserKeyRing(Owner, [DataKey.Generate(1)]);
        const string note = "Blocked after the pile-on 🧵 — «не пиши мне» 😤";

        Assert.Equal(note, ring.DecryptString(Text, ring.Encrypt(Text, note)));
    }

    public static TheoryData<string, FieldLocation> MovedLocations() => new()
    {
        { "another row", Text with { RowId = Guid.NewGuid() } },
        { "another column", Text with { Column = "tags_ciphertext" } },
        { "another table", Text with { Table = "accounts" } },
    };

    [Theory]
    [MemberData(nameof(MovedLocations))]
    public void Decrypt_Fails_WhenTheValueIsMoved(string where, FieldLocation moved)
    {
        using var ring = new UserKeyRing(Owner, [DataKey.Generate(1)]);
        var ciphertext = ring.Encrypt(Text, "private");

        var error = Assert.Throws<CiphertextException>(() => ring.Decrypt(moved, ciphertext));
        Assert.True(error.Failure == CiphertextFailure.Forged, $"moved to {where}: {error.Failure}");
    }

    [Fact]
    public void Decrypt_Fails_ForAnotherUser_EvenWithTheSameDataKey()
    {
        var key = DataKey.Generate(1);
        using var owner = new UserKeyRing(Owner, [new DataKey(1, (byte[])key.Key.Clone())]);
        using var other = new UserKeyRing(Guid.NewGuid(), [key]);

        var error = Assert.Throws<CiphertextException>(() => other.Decrypt(Text, owner.Encrypt(Text, "private")));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WithAnotherDataKeyOfTheSameVersion()
    {
        using var writer = new UserKeyRing(Owner, [DataKey.Generate(1)]);
        using var reader = new UserKeyRing(Owner, [DataKey.Generate(1)]);

        var error = Assert.Throws<CiphertextException>(() => reader.Decrypt(Text, writer.Encrypt(Text, "private")));
        Assert.Equal(CiphertextFailure.Forged, error.Failure);
    }

    [Fact]
    public void Decrypt_Fails_WithUnknownKey_ForADataKeyVersionTheRingLacks()
    {
        using var writer = new UserKeyRing(Owner, [DataKey.Generate(2)]);
        using var reader = new UserKeyRing(Owner, [DataKey.Generate(1)]);

        var error = Assert.Throws<CiphertextException>(() => reader.Decrypt(Text, writer.Encrypt(Text, "private")));
        Assert.Equal(CiphertextFailure.UnknownKey, error.Failure);
    }

    [Fact]
    public void DataKeyRotation_WritesUnderTheNewVersion_AndKeepsOldValuesReadable()
    {
        var first = DataKey.Generate(1);
        byte[] oldValue;
        using (var before = new UserKeyRing(Owner, [new DataKey(1, (byte[])first.Key.Clone())]))
        {
            oldValue = before.Encrypt(Text, "written before rotation").ToArray();
        }

        using var after = new UserKeyRing(Owner, [first, DataKey.Generate(2)]);

        Assert.Equal(2u, after.PrimaryVersion);
        Assert.Equal(2u, after.Encrypt(Text, "new").KeyId);
        Assert.Equal("written before rotation", after.DecryptString(Text, new Ciphertext(oldValue)));
    }

    [Fact]
    public void BlindIndex_IsDeterministic_TruncatedAndKeyedPerUser()
    {
        var key = DataKey.Generate(1);
        using var ring = new UserKeyRing(Owner, [new DataKey(1, (byte[])key.Key.Clone())]);
        using var otherUser = new UserKeyRing(Guid.NewGuid(), [DataKey.Generate(1)]);

        var index = ring.BlindIndex("reasons", "tag", "harassment", 13);

        Assert.Equal(index, ring.BlindIndex("reasons", "tag", "harassment", 13));
        Assert.Equal(2, index.Length);
        Assert.Equal(0, index[1] & 0b0000_0111);
        Assert.NotEqual(ring.BlindIndex("reasons", "tag", "harassment", 256), otherUser.BlindIndex("reasons", "tag", "harassment", 256));
        Assert.NotEqual(ring.BlindIndex("reasons", "tag", "harassment", 256), ring.BlindIndex("reasons", "other", "harassment", 256));
    }

    [Fact]
    public void BlindIndex_SurvivesDataKeyRotation()
    {
        var first = DataKey.Generate(1);
        using var before = new UserKeyRing(Owner, [new DataKey(1, (byte[])first.Key.Clone())]);
        using var after = new UserKeyRing(Owner, [first, DataKey.Generate(2)]);

        Assert.Equal(before.BlindIndex("accounts", "provider_account_id", "42", 256), after.BlindIndex("accounts", "provider_account_id", "42", 256));
    }

    [Fact]
    public void UserKeyRotation_RewrapsDataKeys_AndLeavesEveryValueReadable()
    {
        var userId = Owner;
        using var oldUserKey = UserKey.Generate(1);
        var dataKey = DataKey.Generate(1);
        var wrappedUnderOld = dataKey.Wrap(oldUserKey, userId);
        Ciphertext value;
        using (var ring = new UserKeyRing(userId, [DataKey.Unwrap(oldUserKey, userId, 1, wrappedUnderOld)]))
        {
            value = ring.Encrypt(Text, "kept across rotation");
        }

        // Rotation: a new user key re-wraps the data key; the value itself is not touched.
        using var newUserKey = UserKey.Generate(2);
        var wrappedUnderNew = DataKey.Unwrap(oldUserKey, userId, 1, wrappedUnderOld).Wrap(newUserKey, userId);

        using (var ring = new UserKeyRing(userId, [DataKey.Unwrap(newUserKey, userId, 1, wrappedUnderNew)]))
        {
            Assert.Equal("kept across rotation", ring.DecryptString(Text, value));
        }

        Assert.Equal(CiphertextFailure.UnknownKey, Assert.Throws<CiphertextException>(() => DataKey.Unwrap(oldUserKey, userId, 1, wrappedUnderNew)).Failure);
        Assert.Equal(CiphertextFailure.Forged, Assert.Throws<CiphertextException>(() => DataKey.Unwrap(UserKey.Generate(2), userId, 1, wrappedUnderNew)).Failure);
    }

    [Fact]
    public void DataKeyUnwrap_Fails_ForAnotherUserOrVersion()
    {
        using var userKey = UserKey.Generate(1);
        var wrapped = DataKey.Generate(1).Wrap(userKey, Owner);

        Assert.Throws<CiphertextException>(() => DataKey.Unwrap(userKey, Guid.NewGuid(), 1, wrapped));
        Assert.Throws<CiphertextException>(() => DataKey.Unwrap(userKey, Owner, 2, wrapped));
    }
}
