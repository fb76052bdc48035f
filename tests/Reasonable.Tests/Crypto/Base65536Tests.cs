using System.Text;
using Reasonable.Crypto;
using Xunit;

namespace Reasonable.Tests.Crypto;

/// <summary>
/// Base65536 against the complete qntm base65536-test vector set (npm package, installed by `npm install` at the
/// repository root), plus a few properties the vectors do not cover.
/// </summary>
public sealed class Base65536Tests
{
    private const int MinimumPairVectors = 500;
    private const int MinimumBadVectors = 9;

    // Strict: a vector file that is not valid UTF-8 (or has a BOM) is a broken vector, not something to paper over.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<string> VectorRoot = new(FindVectorRoot);

    public static TheoryData<string> PairVectors()
    {
        var data = new TheoryData<string>();
        foreach (var name in ListPairVectors())
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> BadVectors()
    {
        var data = new TheoryData<string>();
        foreach (var name in ListBadVectors())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PairVectors))]
    public void Encode_Produces_VectorText(string vector)
    {
        var bytes = File.ReadAllBytes(VectorPath("pairs", vector + ".bin"));
        var expectedUtf8 = File.ReadAllBytes(VectorPath("pairs", vector + ".txt"));

        var encoded = Base65536.Encode(bytes);

        // String comparison first for a readable diff, then bytes so a BOM or normalisation difference can't hide.
        Assert.Equal(StrictUtf8.GetString(expectedUtf8), encoded);
        Assert.Equal(expectedUtf8, StrictUtf8.GetBytes(encoded));
    }

    [Theory]
    [MemberData(nameof(PairVectors))]
    public void Decode_Produces_VectorBytes(string vector)
    {
        var expected = File.ReadAllBytes(VectorPath("pairs", vector + ".bin"));
        var text = StrictUtf8.GetString(File.ReadAllBytes(VectorPath("pairs", vector + ".txt")));

        var decoded = Base65536.Decode(text);

        Assert.Equal(expected.Length, decoded.Length);
        Assert.True(expected.AsSpan().SequenceEqual(decoded), $"Decoded bytes differ from {vector}.bin.");
    }

    [Theory]
    [MemberData(nameof(BadVectors))]
    public void Decode_Rejects_BadVector(string vector)
    {
        var text = StrictUtf8.GetString(File.ReadAllBytes(VectorPath("bad", vector + ".txt")));

        Assert.Throws<FormatException>(() => Base65536.Decode(text));
    }

    [Fact]
    public void VectorSet_Is_Complete()
    {
        var pairs = ListPairVectors();
        var bad = ListBadVectors();

        Assert.True(pairs.Count >= MinimumPairVectors, $"Found only {pairs.Count} pair vectors; expected at least {MinimumPairVectors}.");
        Assert.True(bad.Count >= MinimumBadVectors, $"Found only {bad.Count} bad vectors; expected at least {MinimumBadVectors}.");
    }

    [Fact]
    public void Every_Pair_Vector_Has_Both_Files()
    {
        var pairsRoot = Path.Combine(VectorRoot.Value, "pairs");
        var bins = Directory.EnumerateFiles(pairsRoot, "*.bin", SearchOption.AllDirectories).Select(path => path[..^4]);
        var txts = Directory.EnumerateFiles(pairsRoot, "*.txt", SearchOption.AllDirectories).Select(path => path[..^4]);

        Assert.Equal(bins.Order(StringComparer.Ordinal), txts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoundTrip_Preserves_RandomBytes_OfEveryLength_0_To_300()
    {
        // Fixed seed: a failure must reproduce.
        var random = new Random(65536);
        for (var length = 0; length <= 300; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);

            var decoded = Base65536.Decode(Base65536.Encode(bytes));

            Assert.Equal(bytes, decoded);
        }
    }

    [Fact]
    public void Encode_HelloWorld_Matches_KnownExample()
    {
        Assert.Equal("驨ꍬ啯𒁷ꍲᕤ", Base65536.Encode("hello world"u8));
        Assert.Equal("hello world"u8.ToArray(), Base65536.Decode("驨ꍬ啯𒁷ꍲᕤ"));
    }

    [Fact]
    public void Encode_Maps_Extremes_ToExpectedCodePoints()
    {
        Assert.Equal("\U00010600", Base65536.Encode([0x00, 0x6E]));
        Assert.Equal("\U000285FF", Base65536.Encode([0xFF, 0xFF]));
        Assert.Equal("\u3400", Base65536.Encode([0x00, 0x00]));
        Assert.Equal("\u15FF", Base65536.Encode([0xFF]));
        Assert.Equal(string.Empty, Base65536.Encode([]));
    }

    [Fact]
    public void Decode_Rejects_UnpairedSurrogate_AnywhereInText()
    {
        // Not [InlineData]: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD at compile
        // time, so the decoder would never see the surrogate.
        string[] texts = ["驨\uD808", "\uD808驨", "驨\uDC77ꍬ", "\uDC77\uD808", "\uD808\uD808"];
        foreach (var text in texts)
        {
            var error = Assert.Throws<FormatException>(() => Base65536.Decode(text));
            Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_Rejects_LoneHighSurrogate()
    {
        var error = Assert.Throws<FormatException>(() => Base65536.Decode("\uD808"));
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rejects_LoneLowSurrogate()
    {
        var error = Assert.Throws<FormatException>(() => Base65536.Decode("\uDC77"));
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rejects_ReplacementCharacter()
    {
        // EnumerateRunes would turn a lone surrogate into U+FFFD; a real U+FFFD must be rejected on its own merits.
        Assert.Throws<FormatException>(() => Base65536.Decode("\uFFFD"));
    }

    [Fact]
    public void Decode_Rejects_CharacterAfterFinalByte_NamingBothPositions()
    {
        var error = Assert.Throws<FormatException>(() => Base65536.Decode("\u1525\u1513"));
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rejects_NonAlphabetCharacter_NamingCodePointAndPosition()
    {
        var error = Assert.Throws<FormatException>(() => Base65536.Decode("驨a"));
        Assert.Contains("U+0061", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rejects_Null()
    {
        Assert.Throws<ArgumentNullException>(() => Base65536.Decode(null!));
    }

    private static List<string> ListPairVectors()
    {
        var pairsRoot = Path.Combine(VectorRoot.Value, "pairs");
        return Directory.EnumerateFiles(pairsRoot, "*.bin", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(pairsRoot, Path.ChangeExtension(path, null)).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> ListBadVectors()
    {
        var badRoot = Path.Combine(VectorRoot.Value, "bad");
        return Directory.EnumerateFiles(badRoot, "*.txt", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string VectorPath(string kind, string relative) =>
        Path.Combine(VectorRoot.Value, kind, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindVectorRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reasonable.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException(
                $"Could not find Reasonable.sln in {AppContext.BaseDirectory} or any parent directory.");
        }

        var root = Path.Combine(directory.FullName, "node_modules", "base65536-test", "data");
        if (!Directory.Exists(Path.Combine(root, "pairs")) || !Directory.Exists(Path.Combine(root, "bad")))
        {
            throw new InvalidOperationException(
                $"Base65536 test vectors not found at {root}. Run `npm install` in {directory.FullName} to install base65536-test.");
        }

        return root;
    }
}
