using Reasonable.Api.Auth;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Tests.Auth;

public sealed class KeyListTextTests
{
    private const int XCapacity = 100;
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);

    [Fact]
    public void Format_ThenRead_GivesBackTheWrappedKey_WithinTheSlotsCapacity()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", null, "42");

        var text = KeyListText.Format(new Uri("http://localhost:5180/help/key-list"), wrapped, XCapacity);

        Assert.StartsWith("Don't change! ➡️ http://localhost:5180/help/key-list ", text, StringComparison.Ordinal);
        Assert.True(KeyListText.CodePoints(text) <= XCapacity);
        Assert.Equal(wrapped.ToArray(), KeyListText.TryReadWrappedKey(text)!.ToArray());
        Assert.True(KeyListText.CodePoints(KeyListName.Value) <= 25, "X limits list names to 25 code points");
    }

    [Fact]
    public void Format_Refuses_AHelpUrlThatLeavesNoRoomForTheKey()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "x", null, "42");
        var tooLong = new Uri("https://reasonable.example/" + new string('a', KeyListText.MaxHelpUrlCodePoints(XCapacity, wrapped.Length)));

        Assert.Throws<ArgumentException>(() => KeyListText.Format(tooLong, wrapped, XCapacity));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my favourite accounts")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help not-base65536")]
    [InlineData("Don't change! ➡️ https://reasonable.example/help 驨ꍬ")]
    public void TryReadWrappedKey_ReturnsNull_ForEditedText(string? text)
    {
        Assert.Null(KeyListText.TryReadWrappedKey(text));
    }

    [Fact]
    public void AnEditedKey_ThatStillDecodes_FailsToUnwrap_InsteadOfGivingAnotherKey()
    {
        using var key = UserKey.Generate(1);
        var text = KeyListText.Format(new Uri("https://reasonable.example/help"), key.Wrap(Ring, "x", null, "42"), XCapacity);
        var runes = text.EnumerateRunes().ToList();
        runes[^2] = runes[^3]; // the user "tidied up" one character
        var edited = string.Concat(runes.Select(rune => rune.ToString()));

        var wrapped = KeyListText.TryReadWrappedKey(edited);

        Assert.NotNull(wrapped);
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Ring, wrapped, "x", null, "42"));
    }

    [Fact]
    public void AKeyWrappedForOneInstance_DoesNotUnwrapForTheSameIdOnAnother()
    {
        using var key = UserKey.Generate(1);
        var wrapped = key.Wrap(Ring, "mastodon", "fedi.example", "109000000000000001");

        using var opened = UserKey.Unwrap(Ring, wrapped, "mastodon", "fedi.example", "109000000000000001");
        Assert.Equal(key.Key, opened.Key);
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Ring, wrapped, "mastodon", "social.example", "109000000000000001"));
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Ring, wrapped, "x", null, "109000000000000001"));
    }
}
