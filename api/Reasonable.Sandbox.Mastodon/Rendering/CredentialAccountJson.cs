using System.Diagnostics.CodeAnalysis;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>The signed-in user's own Account, plus <c>source</c> (plain-text profile and settings) and <c>role</c>.</summary>
public sealed record CredentialAccountJson : AccountJson
{
    [SetsRequiredMembers]
    public CredentialAccountJson(AccountJson account, object source, object role)
        : base(account)
    {
        Source = source;
        Role = role;
    }

    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public object Source { get; init; }

    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public object Role { get; init; }
}
