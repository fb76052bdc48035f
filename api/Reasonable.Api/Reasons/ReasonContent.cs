namespace Reasonable.Api.Reasons;

/// <summary>
/// What reasons.content_ciphertext holds: the note itself, plus the account and version it was written for, which
/// are checked on opening so a ciphertext moved to another account or rolled back to another version is refused.
/// </summary>
public sealed record ReasonContent(Guid AccountId, int Version, string Action, string Text, IReadOnlyList<string> Tags);
