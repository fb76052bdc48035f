namespace Reasonable.Crypto;

/// <summary>The purposes a master key is split into; each gets its own derived subkey (the value is the KDF subkey id).</summary>
public enum ServerSubkey : ulong
{
    UserLookup = 1,
    OAuthToken = 2,
    UserKeyWrap = 3,
    SessionWrap = 4,
    JwtSigning = 5,
    RecoveryWrap = 6,
    SignInState = 7,
    RecoveryPublicKey = 8,
    InstanceLookup = 9,
    RateLimitKey = 10,
    SessionInboxPublicKey = 11,
}
