using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reasonable.Api.Providers.X;

/// <summary>
/// X's data archive ("Download an archive of your data"): the zip, or its <c>data/block.js</c>, <c>data/mute.js</c>
/// and <c>data/following.js</c> on their own (large sections are split into <c>block-part1.js</c>, …). Each file is
/// one JavaScript assignment, <c>window.YTD.block.part0 = [ … ]</c>: everything up to the first <c>=</c> is checked
/// against that shape and dropped, and the rest is parsed as JSON. Nothing in the file is ever run. Elements are
/// <c>{"blocking": {"accountId": "111", "userLink": "…"}}</c> (<c>muting</c>, <c>following</c>): ids only, no handle and no
/// date, so handles arrive with the next sync.
/// </summary>
public sealed partial class XArchiveFormat : IRelationFileFormat
{
    public const int MaxEntries = 250_000;

    private static readonly Dictionary<string, (Relation Relation, string Key)> Sections = new(StringComparer.Ordinal)
    {
        ["block"] = (Relation.Blocked, "blocking"),
        ["mute"] = (Relation.Muted, "muting"),
        ["following"] = (Relation.Following, "following"),
    };

    public string Kind => "x-archive";

    public string Provider => "x";

    public string Description => "X's data archive (the zip, or its data/block.js, data/mute.js and data/following.js)";

    public bool Recognizes(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.IsZip)
        {
            try
            {
                return file.ZipEntryNames().Any(name => name.EndsWith("manifest.js", StringComparison.Ordinal) || IsSectionFile(name));
            }
            catch (RelationFileException exception) when (!exception.TooLarge)
            {
                return false; // not a readable zip; one too large to read is refused as such
            }
        }

        return file.Text is { } text && Prefix().IsMatch(text);
    }

    public IReadOnlyList<RelationFileEntry> Read(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var entries = new List<RelationFileEntry>();
        if (file.IsZip)
        {
            var texts = file.ReadZipTexts(IsSectionFile);
            if (texts.Count == 0)
            {
                throw new RelationFileException(
                    "This X archive has no data/block.js, data/mute.js or data/following.js, so it names no accounts you block, mute or follow.");
            }

            foreach (var (name, text) in texts)
            {
                ReadSection(text, name, entries);
            }
        }
        else
        {
            ReadSection(file.Text ?? throw new RelationFileException("The file is not UTF-8 text."), "The file", entries);
        }

        return entries;
    }

    private static bool IsSectionFile(string name)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        return SectionFileName().Match(file) is { Success: true } match && Sections.ContainsKey(match.Groups[1].Value);
    }

    /// <summary>Reads one <c>window.YTD.&lt;section&gt;.partN = [ … ]</c> file into <paramref name="entries"/>.</summary>
    private static void ReadSection(string text, string where, List<RelationFileEntry> entries)
    {
        var prefix = Prefix().Match(text);
        if (!prefix.Success)
        {
            throw new RelationFileException($"{where} does not start with window.YTD.<section>.part<N> = as X's archive files do.");
        }

        var section = prefix.Groups[1].Value;
        if (!Sections.TryGetValue(section, out var shape))
        {
            throw new RelationFileException(
                $"{where} is the archive's \"{section}\" section; Reasonable imports block.js, mute.js and following.js.");
        }

        var prefixLines = prefix.Value.Count(c => c == '\n');
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.AsMemory(prefix.Length), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1 + prefixLines;
            throw new RelationFileException($"{where} is not valid JSON after its window.YTD prefix (line {line}).", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new RelationFileException($"{where} assigns something other than a list to window.YTD.{section}.");
            }

            var position = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                position++;
                if (element.ValueKind != JsonValueKind.Object
                    || !element.TryGetProperty(shape.Key, out var inner) || inner.ValueKind != JsonValueKind.Object
                    || !inner.TryGetProperty("accountId", out var id) || id.ValueKind != JsonValueKind.String
                    || id.GetString() is not { } accountId || !XProvider.IsAccountId(accountId))
                {
                    throw new RelationFileException(
                        $"{where}: entry {position} is not {{\"{shape.Key}\": {{\"accountId\": \"<digits>\"}}}} as X's archive writes it.");
                }

                if (entries.Count >= MaxEntries)
                {
                    throw new RelationFileException($"The archive names more than {MaxEntries:N0} accounts; Reasonable imports at most that many at once.") { TooLarge = true };
                }

                entries.Add(new RelationFileEntry(position, accountId, null, shape.Relation));
            }
        }
    }

    [GeneratedRegex(@"\A\s*window\.YTD\.([A-Za-z0-9_]+)\.part[0-9]+\s*=\s*")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\A([a-z]+)(?:-part[0-9]+)?\.js\z")]
    private static partial Regex SectionFileName();
}
