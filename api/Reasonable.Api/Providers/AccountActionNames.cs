namespace Reasonable.Api.Providers;

/// <summary>The words for each <see cref="AccountAction"/> in the API: block, unblock, mute, unmute, follow, unfollow.</summary>
public static class AccountActionNames
{
    public static string Name(AccountAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The action a word names, or null when it names none.</summary>
    public static AccountAction? TryParse(string? name) =>
        name is not null && Enum.GetValues<AccountAction>().FirstOrDefault(action => Name(action) == name) is var found && Name(found) == name ? found : null;
}
