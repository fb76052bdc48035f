namespace Reasonable.Api.Providers;

/// <summary>
/// A file a network hands its users (a data archive, an export) that names the accounts they block, mute or follow.
/// Each format says which provider's accounts it names, recognises its own files by their content, and reads them
/// without ever running anything in them. Formats are pure parsers: they are registered whether or not their
/// provider's sign-in is configured, so a file of another network is recognised and refused by name.
/// </summary>
public interface IRelationFileFormat
{
    /// <summary>The name a caller may give in <c>kind</c>, e.g. <c>x-archive</c>.</summary>
    string Kind { get; }

    /// <summary>The provider whose accounts the file names, as stored in <c>users.provider</c>.</summary>
    string Provider { get; }

    /// <summary>How a sentence names the file, e.g. "X's data archive".</summary>
    string Description { get; }

    /// <summary>Whether the content is one of this format's files (by its shape, never by its name alone).</summary>
    bool Recognizes(UploadedFile file);

    /// <summary>The file's accounts and relations; throws <see cref="RelationFileException"/> naming what is wrong (and where).</summary>
    IReadOnlyList<RelationFileEntry> Read(UploadedFile file);
}
