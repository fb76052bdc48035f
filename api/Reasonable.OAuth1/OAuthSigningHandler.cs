namespace Reasonable.OAuth1;

/// <summary>
/// An <see cref="HttpClient"/> handler that signs every outgoing request. It uses the credentials given here unless
/// the request carries its own in <see cref="CredentialsOption"/> (one client can then serve every signed-in user),
/// and adds <see cref="ProtocolParametersOption"/> (<c>oauth_callback</c>, <c>oauth_verifier</c>) to the header.
/// </summary>
public sealed class OAuthSigningHandler : DelegatingHandler
{
    private readonly OAuthCredentials? credentials;
    private readonly OAuthRequestSigner signer;

    public OAuthSigningHandler(OAuthCredentials? credentials = null, OAuthRequestSigner? signer = null)
    {
        this.credentials = credentials;
        this.signer = signer ?? new OAuthRequestSigner();
    }

    public OAuthSigningHandler(HttpMessageHandler innerHandler, OAuthCredentials? credentials = null, OAuthRequestSigner? signer = null)
        : base(innerHandler)
    {
        this.credentials = credentials;
        this.signer = signer ?? new OAuthRequestSigner();
    }

    public static HttpRequestOptionsKey<OAuthCredentials> CredentialsOption { get; } = new("Reasonable.OAuth1.Credentials");

    public static HttpRequestOptionsKey<IReadOnlyList<OAuthParameter>> ProtocolParametersOption { get; } =
        new("Reasonable.OAuth1.ProtocolParameters");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var effective = request.Options.TryGetValue(CredentialsOption, out var perRequest) ? perRequest : credentials;
        if (effective is null)
        {
            throw new InvalidOperationException("No OAuth credentials: pass them to the handler or set CredentialsOption on the request.");
        }

        request.Options.TryGetValue(ProtocolParametersOption, out var extra);
        await signer.SignAsync(request, effective, extra, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
