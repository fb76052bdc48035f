namespace Reasonable.Api.Providers;

/// <summary>
/// How the user stands to an account right after an action, as the provider answers it: an action can change more
/// than its own relation (a block on Mastodon also ends a follow). <see cref="MuteEndsAt"/> is when a timed mute ends.
/// </summary>
public sealed record RelationSnapshot(bool Blocked, bool Muted, bool Following, DateTimeOffset? MuteEndsAt);
