using System.Net.Http.Headers;

namespace Reasonable.OAuth1;

/// <summary>
/// Client side: adds the <c>oauth_*</c> protocol parameters and the HMAC-SHA1 signature to a request, as an
/// <c>Authorization: OAuth …</c> header. Query parameters are always signed; the body only when it is
/// <c>application/x-www-form-urlencoded</c> (a JSON body, as for v2 <c>POST /2/lists</c>, is not).
/// </summary>
/// <param name="timeProvider">The clock for <c>oauth_timestamp</c>; keep it NTP-synced, X rejects skewed requests.</param>
/// <param name="nonceFactory">Makes nonces; <see cref="OAuthNonce.Create"/> unless a test pins one.</param>
public sealed class OAuthRequestSigner(TimeProvider timeProvider, Func<string>? nonceFactory = null)
{
    public OAuthRequestSigner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// The protocol parameters including <c>oauth_signature</c>, sorted by name. Deterministic when
    /// <paramref name="nonce"/> and <paramref name="timestamp"/> are given (tests, published vectors).
    /// </summary>
    /// <param name="extraProtocolParameters">Step-specific parameters such as <c>oauth_callback</c> or <c>oauth_verifier</c>.</param>
    public IReadOnlyList<OAuthParameter> CreateProtocolParameters(
        string method,
        Uri requestUri,
        IEnumerable<OAuthParameter> requestParameters,
        OAuthCredentials credentials,
        IEnumerable<OAuthParameter>? extraProtocolParameters = null,
        string? nonce = null,
        string? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(requestParameters);
        ArgumentNullException.ThrowIfNull(credentials);
        var protocol = new List<OAuthParameter>
        {
            new("oauth_consumer_key", credentials.ConsumerKey),
            new("oauth_nonce", nonce ?? (nonceFactory ?? OAuthNonce.Create)()),
            new("oauth_signature_method", OAuthSignature.Method),
            new("oauth_timestamp", timestamp ?? OAuthTimestamp.From(timeProvider.GetUtcNow())),
            new("oauth_version", "1.0"),
        };
        if (credentials.Token is not null)
        {
            protocol.Add(new("oauth_token", credentials.Token));
        }

        protocol.AddRange(extraProtocolParameters ?? []);
        var signatureBase = OAuthSignatureBase.Build(method, requestUri, [.. requestParameters, .. protocol]);
        protocol.Add(new("oauth_signature", OAuthSignature.Compute(signatureBase, credentials.ConsumerSecret, credentials.TokenSecret)));
        return [.. protocol.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>The full <c>OAuth …</c> header value for a request whose parameters are already known.</summary>
    public string CreateAuthorizationHeader(
        string method,
        Uri requestUri,
        IEnumerable<OAuthParameter> requestParameters,
        OAuthCredentials credentials,
        IEnumerable<OAuthParameter>? extraProtocolParameters = null,
        string? nonce = null,
        string? timestamp = null) =>
        OAuthAuthorization.Format(
            CreateProtocolParameters(method, requestUri, requestParameters, credentials, extraProtocolParameters, nonce, timestamp));

    /// <summary>Signs <paramref name="request"/> in place: reads its query and form body, then sets the Authorization header.</summary>
    public async Task SignAsync(
        HttpRequestMessage request,
        OAuthCredentials credentials,
        IEnumerable<OAuthParameter>? extraProtocolParameters = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Sign an absolute URI: the host is part of the signature.", nameof(request));
        }

        // The query as it goes on the wire (Uri.Query is the escaped form), decoded the same way the server will.
        var parameters = new List<OAuthParameter>(OAuthSignatureBase.ParseQuery(uri.Query));
        if (request.Content is { } content
            && string.Equals(content.Headers.ContentType?.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Buffer first so reading the body for the signature does not consume what will be sent.
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            parameters.AddRange(OAuthSignatureBase.ParseQuery(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
        }

        var header = CreateAuthorizationHeader(request.Method.Method, uri, parameters, credentials, extraProtocolParameters);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(header);
    }
}
