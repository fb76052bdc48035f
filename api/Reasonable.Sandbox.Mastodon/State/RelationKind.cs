namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>The three relations Reasonable reads. Their plural names (blocks, mutes, follows) are used in routes.</summary>
public enum RelationKind
{
    Block,
    Mute,
    Follow,
}
