namespace Reasonable.Api.Accounts;

/// <summary>
/// One relation (blocked, muted or following) with one account over time. <see cref="Since"/> is when the current
/// (or latest) period began; a period that ended has <see cref="EndedAt"/> set, and earlier periods are kept in
/// <see cref="Past"/> so an unblock never erases history.
/// </summary>
public sealed record RelationState(
    DateTimeOffset FirstSeen,
    DateTimeOffset Since,
    DateTimeOffset LastSeen,
    DateTimeOffset? EndedAt,
    IReadOnlyList<RelationPeriod> Past)
{
    public bool Active => EndedAt is null;

    public static RelationState Started(DateTimeOffset at) => new(at, at, at, null, []);

    /// <summary>Seen again at <paramref name="at"/>: extends the current period, or opens a new one after an end.</summary>
    public RelationState SeenAt(DateTimeOffset at) => Active
        ? this with { LastSeen = Max(LastSeen, at) }
        : this with { Since = at, LastSeen = at, EndedAt = null, Past = [.. Past, new RelationPeriod(Since, EndedAt!.Value)] };

    /// <summary>No longer there at <paramref name="at"/> (an unblock, unmute or unfollow).</summary>
    public RelationState EndedBy(DateTimeOffset at) => Active ? this with { EndedAt = at } : this;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A period that ended: from <see cref="Since"/> until <see cref="EndedAt"/>.</summary>
public sealed record RelationPeriod(DateTimeOffset Since, DateTimeOffset EndedAt);
