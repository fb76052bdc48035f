namespace Reasonable.Api.Providers;

/// <summary>What the user can do to an account on the provider (each provider declares which it supports).</summary>
public enum AccountAction
{
    Block,
    Unblock,
    Mute,
    Unmute,
    Follow,
    Unfollow,
}
