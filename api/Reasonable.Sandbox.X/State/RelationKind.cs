namespace Reasonable.Sandbox.X.State;

/// <summary>The three relations Reasonable reads; their names are the v2 path segments.</summary>
public enum RelationKind
{
    Blocking,
    Muting,
    Following,
}
