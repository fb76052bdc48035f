namespace Reasonable.Api.Data;

/// <summary>What <see cref="SearchIndexRepository.BackfillAsync"/> did with one batch.</summary>
public enum SearchBackfill
{
    /// <summary>The batch's tokens are stored and the backlog moved on (or ended).</summary>
    Stored,

    /// <summary>An account or reason of the batch was deleted meanwhile; nothing was stored: read the batch again.</summary>
    Raced,

    /// <summary>A rebuild started meanwhile; nothing was stored: read the backlog again.</summary>
    Superseded,
}
