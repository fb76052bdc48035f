using Microsoft.Extensions.Configuration;
using Reasonable.Api.Hosting;

namespace Reasonable.Tests.Api;

/// <summary>Every setting is read one way: unset is the default, a value that does not parse refuses the start by name.</summary>
public sealed class SettingTests
{
    private static IConfiguration With(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SOME_SETTING"] = value }).Build();

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("1", 1)]
    [InlineData(" 300 ", 300)]
    public void WholeNumber_ReadsUnsetAsNull_AndTrims(string? text, int? expected) =>
        Assert.Equal(expected, Setting.WholeNumber(With(text), "SOME_SETTING", 1, 300));

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("٣")] // an Arabic-Indic digit is not a whole number here
    public void WholeNumber_RefusesTheStart_NamingTheVariableAndTheRange(string text)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Setting.WholeNumber(With(text), "SOME_SETTING", 1, 300));
        Assert.Contains("SOME_SETTING must be a whole number from 1 to 300", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://reasonable.example", true)]
    [InlineData("http://localhost:5180/", true)]
    [InlineData("https://reasonable.example/app", false)]
    [InlineData("https://reasonable.example/?x=1", false)]
    [InlineData("ftp://reasonable.example", false)]
    [InlineData("reasonable.example", false)]
    public void HttpUrl_OriginOnly_TakesOnlyAnHttpOrigin(string text, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(new Uri(text), Setting.HttpUrl(With(text), "SOME_SETTING", originOnly: true, "https://reasonable.example"));
        }
        else
        {
            var refused = Assert.Throws<StartupRefusedException>(() => Setting.HttpUrl(With(text), "SOME_SETTING", originOnly: true, "https://reasonable.example"));
            Assert.StartsWith("SOME_SETTING must be an http(s) origin", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Choice_TakesOnlyTheNamedValues()
    {
        Assert.Equal("off", Setting.Choice(With("off"), "SOME_SETTING", "on", "off"));
        Assert.Null(Setting.Choice(With(null), "SOME_SETTING", "on", "off"));
        var refused = Assert.Throws<StartupRefusedException>(() => Setting.Choice(With("OFF"), "SOME_SETTING", "on", "off"));
        Assert.Equal("SOME_SETTING must be 'on' or 'off', not 'OFF'.", refused.Message);
    }
}
