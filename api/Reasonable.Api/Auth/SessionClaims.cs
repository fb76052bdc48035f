namespace Reasonable.Api.Auth;

/// <summary>The claims Reasonable's session tokens carry. Only <see cref="Keys"/> is secret, and it is sealed.</summary>
public static class SessionClaims
{
    public const string Issuer = "reasonable";
    public const string Audience = "reasonable-api";
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string Kind = "kind";

    /// <summary>The user's data keys sealed under the session subkey and bound to the session (absent while the key list needs attention).</summary>
    public const string Keys = "keys";
}
