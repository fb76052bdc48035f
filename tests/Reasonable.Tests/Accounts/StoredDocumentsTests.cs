using System.Text;
using System.Text.Json;
using Reasonable.Api.Accounts;
using Reasonable.Api.Reasons;

namespace Reasonable.Tests.Accounts;

/// <summary>
/// The fast reader of stored documents takes every document the writer writes and reads it exactly as the generated
/// reader does; any other shape is left to the generated reader, so both paths give the same answer.
/// </summary>
public sealed class StoredDocumentsTests
{
    // Strings that need escaping or are not ASCII: a stranger's display name can hold anything.
    private static readonly string?[] Texts =
    [
        null, "", "plain", "quote \" backslash \\ slash /", "tab\tnewline\ncontrol\u0001", "<script>&amp;'", "Café Ünïcödé", "日本語のテキスト",
        "emoji \U0001F600\U0001F3F3\uFE0F\u200D\U0001F308", "line\u2028separator\u2029", "\uFFFD replacement", new string('x', 3000),
    ];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AWrittenAccount_IsReadByTheFastPath_AsTheGeneratedReaderReadsIt(int seed)
    {
        var document = RandomAccount(new Random(seed));
        var json = StoredDocuments.Write(document);

        var fast = StoredDocuments.TryReadExactAccount(json);

        Assert.NotNull(fast);
        Assert.Equal(json, StoredDocuments.Write(fast));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AWrittenReason_IsReadByTheFastPath_AsTheGeneratedReaderReadsIt(int seed)
    {
        var content = RandomReason(new Random(seed));
        var json = StoredDocuments.Write(content);

        var fast = StoredDocuments.TryReadExactReason(json);

        Assert.NotNull(fast);
        Assert.Equal(json, StoredDocuments.Write(fast));
    }

    [Fact]
    public void PropertiesInAnotherOrder_AreStillReadByTheFastPath()
    {
        var json = """
            {"following":null,"muted":null,"blocked":{"past":[{"endedAt":"2026-02-01T00:00:00+00:00","since":"2026-01-01T00:00:00+00:00"}],"endedAt":null,"lastSeen":"2026-03-01T00:00:00+00:00","since":"2026-02-15T00:00:00+00:00","firstSeen":"2026-01-01T00:00:00+00:00"},"avatarUrl":null,"displayName":"N","handle":"h","providerAccountId":"1"}
            """u8.ToArray();

        var fast = StoredDocuments.TryReadExactAccount(json);

        Assert.NotNull(fast);
        Assert.Equal("h", fast.Handle);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(fast.Blocked!.Past).EndedAt);
        Assert.Null(fast.ProfileUrl);
    }

    [Theory]
    [InlineData("""{"providerAccountId":"1","handle":"h","displayName":null,"avatarUrl":null,"blocked":null,"muted":null,"following":null,"extra":1}""")] // unknown property
    [InlineData("""{"ProviderAccountId":"1","handle":"h","displayName":null,"avatarUrl":null,"blocked":null,"muted":null,"following":null}""")] // other case
    [InlineData("""{"providerAccountId":"1","handle":"h","displayName":null,"avatarUrl":null}""")] // written before the relations (missing properties)
    [InlineData("""{"providerAccountId":"1","handle":"h","handle":"g","displayName":null,"avatarUrl":null,"blocked":null,"muted":null,"following":null}""")] // twice
    [InlineData("""{"providerAccountId":null,"handle":"h","displayName":null,"avatarUrl":null,"blocked":null,"muted":null,"following":null}""")] // a null id
    [InlineData("""{"providerAccountId":"1","handle":"h","displayName":null,"avatarUrl":null,"blocked":{"firstSeen":"2026-01-01T00:00:00Z","since":"2026-01-01T00:00:00Z","lastSeen":"2026-01-01T00:00:00Z","endedAt":null,"past":null},"muted":null,"following":null}""")]
    public void AnotherAccountShape_IsLeftToTheGeneratedReader_WhichDecidesIt(string text)
    {
        var json = Encoding.UTF8.GetBytes(text);

        Assert.Null(StoredDocuments.TryReadExactAccount(json));
        Assert.Equal(Generated(json), StoredDocuments.ReadAccount(json) is { } read ? StoredDocuments.Write(read) : null);
    }

    [Theory]
    [InlineData("""{"accountId":"6f1c2a4e-8a53-4d0e-9a6e-1b2c3d4e5f60","version":"2","action":"blocked","text":"t","tags":[]}""")] // a number as a string
    [InlineData("""{"accountId":"6f1c2a4e-8a53-4d0e-9a6e-1b2c3d4e5f60","version":2,"action":"blocked","text":"t"}""")] // no tags
    [InlineData("""{"accountId":"6f1c2a4e-8a53-4d0e-9a6e-1b2c3d4e5f60","version":2,"action":"blocked","text":"t","tags":["a",null]}""")]
    public void AnotherReasonShape_IsLeftToTheGeneratedReader_WhichDecidesIt(string text)
    {
        var json = Encoding.UTF8.GetBytes(text);

        Assert.Null(StoredDocuments.TryReadExactReason(json));
        var read = StoredDocuments.ReadReason(json);
        Assert.NotNull(read);
        Assert.Equal(2, read.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"providerAccountId":"1","handle":"h","displayName":null,"avatarUrl":null,"blocked":null,"muted":null,"following":null} {}""")]
    [InlineData("""{"providerAccountId":"1","handle":"h","displayName":null,"avatarUrl":null,"blocked":{"firstSeen":"not a date"},"muted":null,"following":null}""")]
    public void MalformedJson_IsNeverTakenByTheFastPath(string text)
    {
        Assert.Null(StoredDocuments.TryReadExactAccount(Encoding.UTF8.GetBytes(text)));
    }

    private static readonly JsonSerializerOptions WebDefaults = new(JsonSerializerDefaults.Web);

    /// <summary>What System.Text.Json with the stored format's options makes of <paramref name="json"/>, written back; null when it reads nothing.</summary>
    private static byte[]? Generated(byte[] json) =>
        JsonSerializer.Deserialize<AccountDocument>(json, WebDefaults) is { } document
            ? StoredDocuments.Write(document)
            : null;

    private static AccountDocument RandomAccount(Random random)
    {
        string? Text() => Texts[random.Next(Texts.Length)];
        return new AccountDocument(
            Text() ?? "1234", Text() ?? "handle", Text(), Text(), RandomRelation(random), RandomRelation(random), RandomRelation(random),
            Text(), Text(), random.Next(3) == 0 ? RandomDate(random) : null);
    }

    private static RelationState? RandomRelation(Random random)
    {
        if (random.Next(3) == 0)
        {
            return null;
        }

        var past = Enumerable.Range(0, random.Next(4)).Select(_ => new RelationPeriod(RandomDate(random), RandomDate(random))).ToList();
        return new RelationState(
            RandomDate(random), RandomDate(random), RandomDate(random), random.Next(2) == 0 ? RandomDate(random) : null, past,
            random.Next(2) == 0 ? RandomDate(random) : null, random.Next(2) == 0, random.Next(2) == 0);
    }

    private static ReasonContent RandomReason(Random random) => new(
        Guid.NewGuid(), random.Next(1, 1000), random.Next(2) == 0 ? "blocked" : "muted", Texts[random.Next(Texts.Length)] ?? "note",
        [.. Enumerable.Range(0, random.Next(4)).Select(i => $"tag{i}{Texts[random.Next(Texts.Length)]}")], random.Next(2) == 0 ? RandomDate(random) : null);

    // Whole seconds to ticks, and offsets other than UTC, as dates from files and providers come.
    private static DateTimeOffset RandomDate(Random random) =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 3000))
            .ToOffset(TimeSpan.FromMinutes(random.Next(-12 * 4, 14 * 4) * 15));
}
