using System.IO.Compression;
using System.Text;

namespace Reasonable.Api.Providers;

/// <summary>
/// An uploaded file, held in memory only for the request that carries it (never written to disk or to the database,
/// never logged). Reading a zip is bounded: at most <see cref="MaxZipEntries"/> entries, and at most
/// <see cref="MaxUncompressedBytes"/> read out of the entries a format asks for, counted as they are inflated (the
/// sizes a zip declares are not trusted).
/// </summary>
public sealed class UploadedFile(byte[] content)
{
    public const int MaxZipEntries = 20_000;
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;

    private string? text;

    public ReadOnlyMemory<byte> Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>Starts with a zip's local file header.</summary>
    public bool IsZip => Content.Span is [0x50, 0x4B, 0x03, 0x04, ..];

    /// <summary>The content as UTF-8 text without a byte order mark; null when it is not valid UTF-8 (or is a zip).</summary>
    public string? Text
    {
        get
        {
            if (text is null && !IsZip)
            {
                try
                {
                    var span = Content.Span;
                    if (span is [0xEF, 0xBB, 0xBF, ..])
                    {
                        span = span[3..];
                    }

                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
                }
                catch (DecoderFallbackException)
                {
                    text = null;
                }
            }

            return text;
        }
    }

    /// <summary>The names of the zip's entries; throws <see cref="RelationFileException"/> when it is not a readable zip or has too many.</summary>
    public IReadOnlyList<string> ZipEntryNames()
    {
        using var archive = OpenZip();
        return [.. archive.Entries.Select(entry => entry.FullName)];
    }

    /// <summary>
    /// The text of each entry <paramref name="wanted"/> picks, in the zip's order, as UTF-8; the total read stays
    /// under <see cref="MaxUncompressedBytes"/> whatever the entries claim.
    /// </summary>
    public IReadOnlyList<(string Name, string Text)> ReadZipTexts(Func<string, bool> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        using var archive = OpenZip();
        var texts = new List<(string, string)>();
        long total = 0;
        foreach (var entry in archive.Entries.Where(entry => wanted(entry.FullName)))
        {
            using var stream = Open(entry);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = ReadChunk(entry, stream, chunk)) > 0)
            {
                total += read;
                if (total > MaxUncompressedBytes)
                {
                    throw new RelationFileException(
                        $"The archive unpacks to more than {MaxUncompressedBytes / (1024 * 1024)} MiB in the files Reasonable reads, which no real archive does. Upload the files themselves instead.")
                    { TooLarge = true };
                }

                buffer.Write(chunk, 0, read);
            }

            try
            {
                texts.Add((entry.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF')));
            }
            catch (DecoderFallbackException exception)
            {
                throw new RelationFileException($"{entry.FullName} in the archive is not UTF-8 text.", exception);
            }
        }

        return texts;
    }

    private static int ReadChunk(ZipArchiveEntry entry, Stream stream, byte[] chunk)
    {
        try
        {
            return stream.Read(chunk, 0, chunk.Length);
        }
        catch (InvalidDataException exception)
        {
            throw new RelationFileException($"{entry.FullName} in the archive is damaged: download the archive again.", exception);
        }
    }

    private static Stream Open(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or IOException)
        {
            throw new RelationFileException($"{entry.FullName} in the archive cannot be unpacked (it is damaged or uses a compression Reasonable does not read).", exception);
        }
    }

    private ZipArchive OpenZip()
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(Content.ToArray(), writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException exception)
        {
            throw new RelationFileException("The file starts like a zip archive but is not a readable one: download the archive again.", exception);
        }

        if (archive.Entries.Count > MaxZipEntries)
        {
            archive.Dispose();
            throw new RelationFileException(
                $"The archive holds more than {MaxZipEntries:N0} files. Upload the files that list your accounts instead (such as data/block.js), or a zip of only those.")
            { TooLarge = true };
        }

        return archive;
    }
}
