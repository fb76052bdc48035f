namespace Reasonable.Sandbox.Mastodon.Accounts;

/// <summary>
/// An account as its home instance knows it (<see cref="HomeIndex"/> is that instance's position). Ids are decimal
/// strings, as Mastodon sends them; the sandbox's are unique across its instances, which real Mastodon does not promise.
/// </summary>
public sealed record Account(string Id, int HomeIndex, string Username, string DisplayName, string Note, DateTimeOffset CreatedAt)
{
    public bool Locked { get; init; }

    public bool Bot { get; init; }

    /// <summary>Hides whom the account follows from everyone but itself (Mastodon's "hide your network").</summary>
    public bool HideCollections { get; init; }

    public int FollowersCount { get; init; }

    public int StatusesCount { get; init; }
}
