namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>Mastodon's Relationship entity: the caller's relations with one account, and the caller's private note on it.</summary>
public sealed record RelationshipJson(
    string Id,
    bool Following,
    bool ShowingReblogs,
    bool Notifying,
    IReadOnlyList<string>? Languages,
    bool FollowedBy,
    bool Blocking,
    bool BlockedBy,
    bool Muting,
    bool MutingNotifications,
    string? MutingExpiresAt,
    bool Requested,
    bool RequestedBy,
    bool DomainBlocking,
    bool Endorsed,
    string Note);
