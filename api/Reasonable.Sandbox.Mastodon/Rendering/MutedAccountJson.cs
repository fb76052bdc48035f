using System.Diagnostics.CodeAnalysis;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>An Account plus when the mute ends (null: indefinite).</summary>
public sealed record MutedAccountJson : AccountJson
{
    [SetsRequiredMembers]
    public MutedAccountJson(AccountJson account, string? muteExpiresAt)
        : base(account) => MuteExpiresAt = muteExpiresAt;

    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public string? MuteExpiresAt { get; init; }
}
