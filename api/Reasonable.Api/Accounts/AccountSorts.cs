namespace Reasonable.Api.Accounts;

/// <summary>The <c>sort</c> query parameter's words for <see cref="AccountSort"/>.</summary>
public static class AccountSorts
{
    /// <summary>Every word <see cref="TryParse"/> takes, the default first.</summary>
    public static IReadOnlyList<string> Words { get; } = ["recent", "oldest", "handle", "unreasoned"];

    public const string Help = "sort must be recent (newest activity first, the default), oldest, handle (A to Z) or unreasoned (accounts without a reason first).";

    public static AccountSort? TryParse(string? sort) => sort switch
    {
        null or "recent" => AccountSort.Recent,
        "oldest" => AccountSort.Oldest,
        "handle" => AccountSort.Handle,
        "unreasoned" => AccountSort.Unreasoned,
        _ => null,
    };

    /// <summary>True for the orders the database cannot give (they depend on what only decryption shows).</summary>
    public static bool NeedsWholeList(AccountSort sort) => sort is AccountSort.Handle or AccountSort.Unreasoned;
}
