namespace Reasonable.Api.Reasons;

/// <summary>What a reason records the user did (or "other" for a note that is not about an action).</summary>
public static class ReasonActions
{
    public static readonly IReadOnlyList<string> All = ["block", "mute", "follow", "unblock", "unmute", "unfollow", "other"];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action);
}
