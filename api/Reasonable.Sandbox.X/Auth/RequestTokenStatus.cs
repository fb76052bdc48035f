namespace Reasonable.Sandbox.X.Auth;

public enum RequestTokenStatus
{
    /// <summary>Issued; the user has not answered the consent page yet.</summary>
    Pending,

    /// <summary>The user approved; the token can be exchanged once.</summary>
    Authorized,

    /// <summary>The user denied; the token is dead.</summary>
    Denied,

    /// <summary>An access_token call consumed it (whatever its outcome): request tokens are single-use.</summary>
    Used,
}
