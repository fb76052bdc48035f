using System.Text.Json.Serialization;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>
/// Mastodon's Account entity. Not sealed: MutedAccount and CredentialAccount are an Account plus a few members, as
/// Mastodon's serializers derive them.
/// </summary>
public record AccountJson
{
    public required string Id { get; init; }

    public required string Username { get; init; }

    /// <summary>The bare username for the instance's own accounts, <c>user@domain</c> for others.</summary>
    public required string Acct { get; init; }

    public required string DisplayName { get; init; }

    public required bool Locked { get; init; }

    public required bool Bot { get; init; }

    public bool? Discoverable { get; init; } = true;

    public bool Indexable { get; init; }

    public bool Group { get; init; }

    public required string CreatedAt { get; init; }

    /// <summary>HTML, as Mastodon sends it (the sandbox escapes the stored text into one paragraph).</summary>
    public required string Note { get; init; }

    public required string Url { get; init; }

    public required string Uri { get; init; }

    public required string Avatar { get; init; }

    public required string AvatarStatic { get; init; }

    public required string Header { get; init; }

    public required string HeaderStatic { get; init; }

    public required int FollowersCount { get; init; }

    public required int FollowingCount { get; init; }

    public required int StatusesCount { get; init; }

    public string? LastStatusAt { get; init; }

    public bool? HideCollections { get; init; }

    public bool? Noindex { get; init; } = false;

    public IReadOnlyList<object> Emojis { get; init; } = [];

    public IReadOnlyList<object> Roles { get; init; } = [];

    public IReadOnlyList<object> Fields { get; init; } = [];

    /// <summary>Present only for an account that moved, as Mastodon's serializer adds it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccountJson? Moved { get; init; }

    /// <summary>Present (true) only for a suspended account.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Suspended { get; init; }
}
