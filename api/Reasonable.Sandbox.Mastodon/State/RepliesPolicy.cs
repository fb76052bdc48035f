namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>Which replies a list's timeline shows; the JSON names are the lower-case forms.</summary>
public enum RepliesPolicy
{
    Followed,
    List,
    None,
}
