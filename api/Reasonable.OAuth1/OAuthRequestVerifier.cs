namespace Reasonable.OAuth1;

/// <summary>
/// Server side: recomputes the signature of a received request from its method, URI (scheme, host, non-default
/// port, path), query and form parameters and the header's protocol parameters, and compares in constant time.
/// Timestamps, nonces and token lookups are the caller's policy; this only answers "was it signed with these secrets".
/// </summary>
public static class OAuthRequestVerifier
{
    /// <param name="requestUri">The URI as the client addressed it; its query is ignored (pass it in <paramref name="requestParameters"/>).</param>
    /// <param name="requestParameters">Decoded query parameters, plus form body parameters when the body is <c>application/x-www-form-urlencoded</c>.</param>
    public static bool Verify(
        string method,
        Uri requestUri,
        OAuthAuthorization authorization,
        IEnumerable<OAuthParameter> requestParameters,
        string consumerSecret,
        string? tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(requestParameters);
        if (authorization.Signature is not { Length: > 0 } signature)
        {
            return false;
        }

        var signatureBase = OAuthSignatureBase.Build(method, requestUri, [.. requestParameters, .. authorization.SignedParameters]);
        return OAuthSignature.Matches(signatureBase, consumerSecret, tokenSecret, signature);
    }
}
