namespace Reasonable.Api.Providers;

/// <summary>
/// What a provider is and can do, as <c>GET /api/providers</c> tells the web app and scripts.
/// </summary>
/// <param name="DisplayName">How a sentence names it: <c>X</c>, <c>Mastodon</c>.</param>
/// <param name="NeedsInstance">Whether signing in needs a server name (Mastodon: any instance).</param>
/// <param name="Actions">The actions Reasonable can perform there, in a stable order.</param>
/// <param name="MuteDurations">Whether a mute can be given a duration after which the provider ends it.</param>
/// <param name="ActionsNote">Why actions are missing, when some are, in a sentence for the user; null otherwise.</param>
public sealed record ProviderInfo(string DisplayName, bool NeedsInstance, IReadOnlyList<AccountAction> Actions, bool MuteDurations, string? ActionsNote)
{
    public bool Supports(AccountAction action) => Actions.Contains(action);
}
