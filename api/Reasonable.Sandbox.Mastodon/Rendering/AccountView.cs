using System.Text.Encodings.Web;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>
/// Accounts as one instance shows them: <c>acct</c> relative to that instance, media URLs on it, and its own view of
/// suspensions and moves. Profile <c>url</c> and ActivityPub <c>uri</c> point at the account's home instance.
/// </summary>
public sealed class AccountView(Federation federation, SandboxClock clock)
{
    public AccountJson Render(Account account, Instance viewer) => Render(account, viewer, followMove: true);

    public MutedAccountJson Muted(Account account, Instance viewer, RelationRow mute)
    {
        ArgumentNullException.ThrowIfNull(mute);
        return new MutedAccountJson(Render(account, viewer), Timestamps.Format(mute.ExpiresAt));
    }

    public CredentialAccountJson Credential(Account account, Instance viewer)
    {
        ArgumentNullException.ThrowIfNull(account);
        var source = new
        {
            privacy = "public",
            sensitive = false,
            language = (string?)null,
            note = account.Note,
            fields = Array.Empty<object>(),
            follow_requests_count = 0,
            indexable = false,
            discoverable = true,
            hide_collections = account.HideCollections,
            attribution_domains = Array.Empty<string>(),
        };
        var role = new { id = "-99", name = string.Empty, permissions = "0", color = string.Empty, highlighted = false };
        return new CredentialAccountJson(Render(account, viewer), source, role);
    }

    private AccountJson Render(Account account, Instance viewer, bool followMove)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(viewer);
        var home = federation.Home(account);
        var suspended = viewer.State.IsSuspended(account.Id);
        var movedTo = followMove && !suspended ? federation.FindAccount(viewer.State.MovedTo(account.Id)) : null;
        var avatar = viewer.Url($"/avatars/{account.Id}.svg");
        var header = viewer.Url($"/headers/{account.Id}.svg");
        return new AccountJson
        {
            Id = account.Id,
            Username = account.Username,
            Acct = home == viewer ? account.Username : $"{account.Username}@{home.Domain}",
            DisplayName = suspended ? string.Empty : account.DisplayName,
            Locked = !suspended && account.Locked,
            Bot = !suspended && account.Bot,
            CreatedAt = Timestamps.Format(account.CreatedAt),
            Note = suspended || account.Note.Length == 0 ? string.Empty : $"<p>{HtmlEncoder.Default.Encode(account.Note)}</p>",
            Url = home.Url("/@" + account.Username),
            Uri = home.Url("/users/" + account.Username),
            Avatar = avatar,
            AvatarStatic = avatar,
            Header = header,
            HeaderStatic = header,
            FollowersCount = suspended ? 0 : account.FollowersCount,
            FollowingCount = suspended ? 0 : home.State.Count(account.Id, RelationKind.Follow, clock.GetUtcNow()),
            StatusesCount = suspended ? 0 : account.StatusesCount,
            LastStatusAt = account.StatusesCount > 0 && !suspended ? account.CreatedAt.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            HideCollections = account.HideCollections,
            Moved = movedTo is null ? null : Render(movedTo, viewer, followMove: false),
            Suspended = suspended ? true : null,
        };
    }
}
