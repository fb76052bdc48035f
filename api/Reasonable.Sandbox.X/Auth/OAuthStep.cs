namespace Reasonable.Sandbox.X.Auth;

/// <summary>Which credential a request must be signed with, and so which token secret completes the key.</summary>
public enum OAuthStep
{
    /// <summary>request_token: consumer only, key <c>cs&amp;</c>.</summary>
    RequestToken,

    /// <summary>access_token: an approved request token, key <c>cs&amp;requestTokenSecret</c>.</summary>
    AccessToken,

    /// <summary>Any API call: a live access token, key <c>cs&amp;accessTokenSecret</c>.</summary>
    UserContext,
}
