namespace Reasonable.Api.Endpoints;

/// <summary>
/// The user key was replaced. <c>keyVersion</c> counts rotations; <c>recoveryCodeWorks</c> says whether the saved
/// recovery code still restores it, and <c>advice</c> what to do when not.
/// </summary>
public sealed record KeyRotationResponse(int KeyVersion, DateTimeOffset RotatedAt, bool RecoveryCodeWorks, string? Advice);
