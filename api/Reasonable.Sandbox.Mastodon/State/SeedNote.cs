namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>A private note <paramref name="AuthorId"/> keeps about <paramref name="TargetId"/>.</summary>
public sealed record SeedNote(string AuthorId, string TargetId, string Comment);
