namespace Reasonable.Api.Data;

/// <summary>
/// A user whose rows are not all indexed: <see cref="Cursor"/> is the last account (by id) indexed, null before the
/// first; <see cref="RequestedAt"/> tells one rebuild from the next.
/// </summary>
public sealed record SearchBacklog
{
    public Guid? Cursor { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
