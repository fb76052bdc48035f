namespace Reasonable.Api.Sync;

/// <summary>One account in a sealed sync page (the JSON the job seals and the fold opens).</summary>
public sealed record SyncedAccount(string Id, string Handle, string? Name, string? AvatarUrl);
