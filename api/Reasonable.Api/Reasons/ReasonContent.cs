namespace Reasonable.Api.Reasons;

/// <summary>
/// What reasons.content_ciphertext holds: the note itself, plus the account and version it was written for, which
/// are checked on opening so a ciphertext moved to another account or rolled back to another version is refused.
/// <see cref="OccurredAt"/> is when the event happened as the user tells it ("blocked in 2021"); it lives inside the
/// ciphertext, so the database never learns it. Reasons written before it existed lack it: their date is when they
/// were written.
/// </summary>
public sealed record ReasonContent(Guid AccountId, int Version, string Action, string Text, IReadOnlyList<string> Tags, DateTimeOffset? OccurredAt = null);
