using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>What the user's key list holds: a status from <see cref="Data.KeyStatuses"/>, and the user key when it opened.</summary>
public sealed record KeyListReading(string Status, string? ListId, UserKey? UserKey);
