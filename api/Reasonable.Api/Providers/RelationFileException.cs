namespace Reasonable.Api.Providers;

/// <summary>
/// A file that cannot be imported, with a sentence for the user naming what is wrong and, where it can, the line or
/// row. The message never quotes the file's content: it is the user's data and may end up in a problem or a log.
/// </summary>
public sealed class RelationFileException : Exception
{
    public RelationFileException()
    {
    }

    public RelationFileException(string message)
        : base(message)
    {
    }

    public RelationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the file is too large to read (a zip bomb, too many entries): answered 413 rather than 422.</summary>
    public bool TooLarge { get; init; }
}
