namespace Reasonable.Sandbox.X.State;

/// <summary>An X account as the sandbox knows it. Ids are decimal strings, as X sends them (64-bit safe).</summary>
public sealed record SandboxUser(string Id, string Username, string Name, string Description, DateTimeOffset CreatedAt, bool Protected);
