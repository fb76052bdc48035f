namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>Doorkeeper's wording for the RFC 6749 errors the sandbox answers.</summary>
public static class OAuthErrors
{
    public const string AccessDenied = "The resource owner or authorization server denied the request.";
    public const string InvalidScope = "The requested scope is invalid, unknown, or malformed.";
    public const string UnsupportedResponseType = "The authorization server does not support this response type.";
    public const string InvalidRequest = "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.";
    public const string InvalidGrant = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
    public const string InvalidClient = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
    public const string UnsupportedGrantType = "The authorization grant type is not supported by the authorization server.";
    public const string NotYourToken = "You are not authorized to revoke this token";
    public const string UnsupportedChallengeMethod = "The code challenge method must be S256.";
}
