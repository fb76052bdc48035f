namespace Reasonable.Api.Accounts;

/// <summary>
/// One relation (blocked, muted or following) with one account over time. <see cref="Since"/> is when the current
/// (or latest) period began; a period that ended has <see cref="EndedAt"/> set, and earlier periods are kept in
/// <see cref="Past"/> so an unblock never erases history. <see cref="ExpiresAt"/> is when the provider itself will end
/// the current period (a mute with a duration), as the last sync saw it. <see cref="Unconfirmed"/> marks a relation
/// that came from an imported file and that no sync has seen since: the user's past word, shown as such until the
/// next sync either sees it (<see cref="SeenAt"/> clears the mark) or does not (the sweep ends it, as any other).
/// <see cref="StartedByReasonable"/> says what <see cref="Since"/> is: true when Reasonable itself performed the
/// action that began the period, so it is the date of the block, mute or follow; false (and in documents written
/// before the field existed) when a sync found the relation already there, so it is only when Reasonable first saw it.
/// </summary>
public sealed record RelationState(
    DateTimeOffset FirstSeen,
    DateTimeOffset Since,
    DateTimeOffset LastSeen,
    DateTimeOffset? EndedAt,
    IReadOnlyList<RelationPeriod> Past,
    DateTimeOffset? ExpiresAt = null,
    bool Unconfirmed = false,
    bool StartedByReasonable = false)
{
    public bool Active => EndedAt is null;

    /// <summary>A relation a sync found: <see cref="Since"/> is only when it was first seen.</summary>
    public static RelationState Started(DateTimeOffset at, DateTimeOffset? expiresAt = null) => new(at, at, at, null, [], expiresAt);

    /// <summary>Seen again at <paramref name="at"/> by a sync: extends the current period, or opens a new one after an end.</summary>
    public RelationState SeenAt(DateTimeOffset at, DateTimeOffset? expiresAt = null) => Active
        ? this with { LastSeen = Max(LastSeen, at), ExpiresAt = expiresAt, Unconfirmed = false }
        : this with
        {
            Since = at, LastSeen = at, EndedAt = null, Past = [.. Past, new RelationPeriod(Since, EndedAt!.Value)], ExpiresAt = expiresAt,
            Unconfirmed = false, StartedByReasonable = false,
        };

    /// <summary>A relation a file states without dates: it starts when it is imported, unconfirmed until a sync sees it.</summary>
    public static RelationState Imported(DateTimeOffset at) => Started(at) with { Unconfirmed = true };

    /// <summary>
    /// Reasonable performed the action at <paramref name="at"/>: a period already under way goes on (with the new
    /// expiry), otherwise one begins whose <see cref="Since"/> is the action's own date.
    /// </summary>
    public static RelationState ActedAt(RelationState? state, DateTimeOffset at, DateTimeOffset? expiresAt) => state switch
    {
        null => new(at, at, at, null, [], expiresAt, StartedByReasonable: true),
        { Active: true } => state.SeenAt(at, expiresAt),
        _ => state.SeenAt(at, expiresAt) with { StartedByReasonable = true },
    };

    /// <summary>No longer there at <paramref name="at"/> (an unblock, unmute or unfollow).</summary>
    public RelationState EndedBy(DateTimeOffset at) => Active ? this with { EndedAt = at, ExpiresAt = null } : this;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A period that ended: from <see cref="Since"/> until <see cref="EndedAt"/>.</summary>
public sealed record RelationPeriod(DateTimeOffset Since, DateTimeOffset EndedAt);
