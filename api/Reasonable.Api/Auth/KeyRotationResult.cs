namespace Reasonable.Api.Auth;

/// <summary>
/// How a rotation ended: rotated to <see cref="Version"/>; or not, because the key list needs attention
/// (<see cref="KeyListStatus"/>) or the user's keys changed meanwhile (neither is set).
/// </summary>
public sealed record KeyRotationResult(int? Version, DateTimeOffset At, RecoveryAfterRotation Recovery, string? KeyListStatus)
{
    public static KeyRotationResult Rotated(int version, DateTimeOffset at, RecoveryAfterRotation recovery) => new(version, at, recovery, null);

    public static KeyRotationResult KeyListNeedsAttention(string status, DateTimeOffset at) => new(null, at, RecoveryAfterRotation.None, status);

    public static KeyRotationResult KeysChanged(DateTimeOffset at) => new(null, at, RecoveryAfterRotation.None, null);
}
