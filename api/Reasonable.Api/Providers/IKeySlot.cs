namespace Reasonable.Api.Providers;

/// <summary>
/// One text slot on the user's own account, private to them, that holds their wrapped user key (X: a private list's
/// description; Mastodon: a private list's title). Each provider finds its slot by <see cref="KeyListName.Value"/>.
/// </summary>
public interface IKeySlot
{
    /// <summary>How many Unicode code points of text the slot holds.</summary>
    int KeySlotCapacity { get; }

    /// <summary>How a sentence names the slot, e.g. <c>the private list "Reasonable key (pls keep)"</c>.</summary>
    string KeySlotName { get; }

    /// <summary>The slot's id and text, or null when the user has no such slot (deleted or renamed).</summary>
    Task<KeySlotContent?> ReadKeySlotAsync(ProviderAccess access, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="text"/> into the slot <paramref name="slotId"/>, or a new slot when null; returns its id.</summary>
    Task<string> WriteKeySlotAsync(ProviderAccess access, string? slotId, string text, CancellationToken cancellationToken);

    /// <summary>Removes the slot; one that is already gone is fine.</summary>
    Task DeleteKeySlotAsync(ProviderAccess access, string slotId, CancellationToken cancellationToken);
}
