namespace Reasonable.Api.Auth;

/// <summary>What became of the user's recovery code when their user key was rotated.</summary>
public enum RecoveryAfterRotation
{
    /// <summary>No recovery code was set up.</summary>
    None,

    /// <summary>The new user key was sealed to the recovery public key: the same code restores it.</summary>
    Kept,
}
