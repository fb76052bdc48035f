namespace Reasonable.Api.Providers;

/// <summary>How the user acts on an account.</summary>
public enum Relation
{
    Blocking,
    Muting,
    Following,
}
