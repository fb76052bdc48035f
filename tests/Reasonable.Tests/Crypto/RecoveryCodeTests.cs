using Reasonable.Crypto;

namespace Reasonable.Tests.Crypto;

public sealed class RecoveryCodeTests
{
    [Fact]
    public void Generate_MakesDistinctReadableCodes()
    {
        var code = RecoveryCode.Generate();

        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.NotEqual(code, RecoveryCode.Generate());
    }
}
