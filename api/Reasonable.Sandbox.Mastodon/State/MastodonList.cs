namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>A list, private to its owner. The title is stored exactly as received: no trimming, no normalization.</summary>
public sealed record MastodonList(string Id, string OwnerId, string Title, RepliesPolicy RepliesPolicy, bool Exclusive);
