namespace Reasonable.Sandbox.Mastodon.State;

/// <summary><paramref name="Count"/> synthetic accounts of the instance at <paramref name="Instance"/>, from number <paramref name="Start"/>.</summary>
public sealed record SyntheticRange(int Instance, int Start, int Count);
