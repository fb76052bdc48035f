namespace Reasonable.OAuth1;

/// <summary>
/// The consumer (app) key pair and, once the user signed in, the token pair. <see cref="Token"/> is the request token
/// during the access_token step and the access token afterwards; both are null for request_token.
/// </summary>
public sealed record OAuthCredentials(string ConsumerKey, string ConsumerSecret, string? Token = null, string? TokenSecret = null)
{
    // Records print every property; secrets must never reach a log line.
    public override string ToString() => $"OAuthCredentials {{ ConsumerKey = {ConsumerKey}, Token = {Token} }}";
}
