using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class KeyListTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    [Fact]
    public void Describe_ThenRead_GivesBackTheWrappedKey_WithinXsLimit()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", "42");

        var description = KeyList.Describe(new Uri("http://localhost:5180/help/key-list"), wrapped);

        Assert.StartsWith("Don't change! ➡️ http://localhost:5180/help/key-list ", description, StringComparison.Ordinal);
        Assert.True(KeyList.CodePoints(description) <= KeyList.MaxDescriptionCodePoints);
        Assert.Equal(wrapped.ToArray(), KeyList.TryReadWrappedKey(description)!.ToArray());
        Assert.True(KeyList.CodePoints(KeyList.Name) <= 25, "X limits list names to 25 code points");
    }

    [Fact]
    public void Describe_Refuses_AHelpUrlThatLeavesNoRoomForTheKey()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", "42");
        var tooLong = new Uri("https://reasonable.example/" + new string('a', KeyList.MaxHelpUrlCodePoints(wrapped.Length)));

        Assert.Throws<ArgumentException>(() => KeyList.Describe(tooLong, wrapped));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my favourite accounts")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help not-base65536")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help 驨ꍬ")]
    public void TryReadWrappedKey_ReturnsNull_ForAnEditedDescription(string? description)
    {
        Assert.Null(KeyList.TryReadWrappedKey(description));
    }

    [Fact]
    public void AnEditedKey_ThatStillDecodes_FailsToUnwrap_InsteadOfGivingAnotherKey()
    {
        using var key = UserKey.Generate(1);
        var description = KeyList.Describe(new Uri("https://reasonable.example/help"), key.Wrap(Ring, "x", "42"));
        var runes = description.EnumerateRunes().ToList();
        runes[^2] = runes[^3]; // the user "tidied up" one character
        var edited = string.Concat(runes.Select(rune => rune.ToString()));

        var wrapped = KeyList.TryReadWrappedKey(edited);

        Assert.NotNull(wrapped);
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Ring, wrapped, "x", "42"));
    }
}
