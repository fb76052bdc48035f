namespace Reasonable.Api.Accounts;

/// <summary>The orders of the accounts list (the <c>sort</c> query parameter).</summary>
public enum AccountSort
{
    /// <summary>Newest activity first (the default), by index.</summary>
    Recent,

    /// <summary>Oldest activity first, by index.</summary>
    Oldest,

    /// <summary>By handle, A to Z (handles are encrypted: the whole list is opened and sorted).</summary>
    Handle,

    /// <summary>Accounts without a reason first, then newest activity first.</summary>
    Unreasoned,
}
