namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>
/// One Block, Mute or Follow row. <see cref="RowId"/> is the row's own id — the pagination cursor — and never an
/// account id. <see cref="ExpiresAt"/> and <see cref="Notifications"/> matter for mutes only.
/// </summary>
public sealed record RelationRow(long RowId, string TargetId, DateTimeOffset? ExpiresAt, bool Notifications)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
