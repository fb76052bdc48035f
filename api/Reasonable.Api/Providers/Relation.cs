namespace Reasonable.Api.Providers;

/// <summary>
/// How the user stands to an account: the one word for it from the provider to sync, accounts, the database
/// (<c>blocked</c>, <c>muted</c>, <c>following</c>) and the web app.
/// </summary>
public enum Relation
{
    Blocked,
    Muted,
    Following,
}
