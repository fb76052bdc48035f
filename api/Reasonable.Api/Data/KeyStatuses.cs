namespace Reasonable.Api.Data;

/// <summary>What the last sign-in found of the user's key list (users.key_status).</summary>
public static class KeyStatuses
{
    /// <summary>The list is there and opens.</summary>
    public const string Active = "active";

    /// <summary>No list with our name: deleted or renamed on the provider.</summary>
    public const string Missing = "missing";

    /// <summary>The list is there but its text (X: the description; Mastodon: the title after the name) no longer holds a key.</summary>
    public const string Edited = "edited";

    /// <summary>The list holds a key that does not open this user's data keys.</summary>
    public const string Undecryptable = "undecryptable";
}
