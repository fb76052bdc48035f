namespace Reasonable.Api.Auth;

/// <summary>Why a provider callback did not sign anyone in.</summary>
public enum SignInFailure
{
    /// <summary>The request does not look like a provider callback at all.</summary>
    NotACallback,

    /// <summary>No pending sign-in matches: unknown, already used, or started by another provider.</summary>
    Unknown,

    Expired,

    /// <summary>The callback arrived in another browser than the one that started the sign-in.</summary>
    OtherBrowser,

    /// <summary>The user chose not to let Reasonable in.</summary>
    Denied,

    /// <summary>The provider refused the callback's verifier or code: the link was altered or forged.</summary>
    Refused,
}
