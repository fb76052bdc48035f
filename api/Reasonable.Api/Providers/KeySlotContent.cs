namespace Reasonable.Api.Providers;

/// <summary>The key slot as the provider shows it to its owner: its id, and the text Reasonable wrote (or what became of it).</summary>
public sealed record KeySlotContent(string Id, string Text);
