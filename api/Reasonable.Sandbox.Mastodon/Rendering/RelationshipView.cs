using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>
/// The caller's Relationship with an account. What the caller did lives on the caller's instance; what the other
/// account did (followed_by, blocked_by) on that account's home instance, as federation would have carried it over.
/// </summary>
public sealed class RelationshipView(Federation federation, SandboxClock clock)
{
    public RelationshipJson Render(Account caller, Account target, Instance viewer)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = clock.GetUtcNow();
        var mine = viewer.State;
        var theirs = federation.Home(target).State;
        var follow = mine.Find(caller.Id, RelationKind.Follow, target.Id, now);
        var mute = mine.Find(caller.Id, RelationKind.Mute, target.Id, now);
        return new RelationshipJson(
            Id: target.Id,
            Following: follow is not null,
            ShowingReblogs: follow is not null,
            Notifying: false,
            Languages: null,
            FollowedBy: theirs.Find(target.Id, RelationKind.Follow, caller.Id, now) is not null,
            Blocking: mine.Find(caller.Id, RelationKind.Block, target.Id, now) is not null,
            BlockedBy: theirs.Find(target.Id, RelationKind.Block, caller.Id, now) is not null,
            Muting: mute is not null,
            MutingNotifications: mute?.Notifications ?? false,
            MutingExpiresAt: Timestamps.Format(mute?.ExpiresAt),
            Requested: false,
            RequestedBy: false,
            DomainBlocking: false,
            Endorsed: false,
            Note: mine.Note(caller.Id, target.Id) ?? string.Empty);
    }
}
