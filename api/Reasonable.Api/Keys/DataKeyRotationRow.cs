namespace Reasonable.Api.Keys;

/// <summary>A data_key_rotations row: how far the re-encryption of one user's values under their newest data key has got.</summary>
public sealed record DataKeyRotationRow
{
    public required Guid UserId { get; init; }

    public required int FromVersion { get; init; }

    public required int ToVersion { get; init; }

    /// <summary>The index in <see cref="ReencryptedColumn.All"/> being rewritten.</summary>
    public required int Stage { get; init; }

    /// <summary>The last row id done in that column; null at its start.</summary>
    public Guid? Cursor { get; init; }

    /// <summary>0 on the first pass; 1 on the final pass that catches values written under the old key meanwhile.</summary>
    public required int Sweep { get; init; }

    public required long Total { get; init; }

    public required long Rewritten { get; init; }

    /// <summary>Values that did not open (tampered or moved): left as they are, never rewritten under the new key.</summary>
    public required long Unreadable { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
