namespace Reasonable.Sandbox.X.State;

/// <summary>An X List. Strings are stored exactly as received: no trimming, no normalization.</summary>
public sealed record SandboxList(string Id, string OwnerId, string Name, string Description, bool Private, DateTimeOffset CreatedAt);
