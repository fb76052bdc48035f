using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reasonable.OAuth1;

/// <summary>
/// The protocol parameters of an <c>Authorization: OAuth …</c> header (RFC 5849 §3.5.1): formatting it on the client,
/// parsing it back on the server. Values are percent-decoded; <c>realm</c> is kept apart because it is never signed.
/// </summary>
public sealed class OAuthAuthorization
{
    public const string Scheme = "OAuth";

    private OAuthAuthorization(IReadOnlyList<OAuthParameter> parameters, string? realm)
    {
        Parameters = parameters;
        Realm = realm;
    }

    /// <summary>Every parameter of the header except <c>realm</c>, including <c>oauth_signature</c>.</summary>
    public IReadOnlyList<OAuthParameter> Parameters { get; }

    public string? Realm { get; }

    public string? ConsumerKey => Get("oauth_consumer_key");

    public string? Token => Get("oauth_token");

    public string? Nonce => Get("oauth_nonce");

    public string? Timestamp => Get("oauth_timestamp");

    public string? Signature => Get("oauth_signature");

    public string? SignatureMethod => Get("oauth_signature_method");

    public string? Version => Get("oauth_version");

    public string? Callback => Get("oauth_callback");

    public string? Verifier => Get("oauth_verifier");

    /// <summary>What goes into the signature base string: every header parameter but the signature itself.</summary>
    public IEnumerable<OAuthParameter> SignedParameters => Parameters.Where(p => p.Name != "oauth_signature");

    public string? Get(string name) => Parameters.FirstOrDefault(p => p.Name == name).Value;

    /// <summary>Formats <c>OAuth k="v", …</c> with names and values percent-encoded, in the order given.</summary>
    public static string Format(IEnumerable<OAuthParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder(Scheme).Append(' ');
        var first = true;
        foreach (var parameter in parameters)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(OAuthPercentEncoding.Encode(parameter.Name))
                .Append("=\"")
                .Append(OAuthPercentEncoding.Encode(parameter.Value))
                .Append('"');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parses a header value such as <c>OAuth realm="x", oauth_consumer_key="…", …</c>. Fails on another scheme, on
    /// syntax it cannot read, and on a repeated parameter (RFC 5849 §3.2 answers duplicates with 400).
    /// </summary>
    public static bool TryParse(string? header, [NotNullWhen(true)] out OAuthAuthorization? authorization)
    {
        authorization = null;
        if (header is null)
        {
            return false;
        }

        var text = header.Trim();
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || (text.Length > Scheme.Length && !char.IsWhiteSpace(text[Scheme.Length])))
        {
            return false;
        }

        var parameters = new List<OAuthParameter>();
        string? realm = null;
        var position = Scheme.Length;
        while (true)
        {
            SkipWhitespaceAndCommas(text, ref position);
            if (position >= text.Length)
            {
                break;
            }

            if (!TryReadPair(text, ref position, out var name, out var value))
            {
                return false;
            }

            if (name.Equals("realm", StringComparison.OrdinalIgnoreCase))
            {
                realm = value;
                continue;
            }

            name = OAuthPercentEncoding.Decode(name);
            if (parameters.Any(p => p.Name == name))
            {
                return false;
            }

            parameters.Add(new OAuthParameter(name, OAuthPercentEncoding.Decode(value)));
        }

        authorization = new OAuthAuthorization(parameters, realm);
        return true;
    }

    /// <summary>
    /// Checks the protocol parameters every signed request needs (RFC 5849 §3.1): consumer key, nonce, timestamp,
    /// signature, <c>HMAC-SHA1</c>, and <c>oauth_version</c> absent or <c>1.0</c>.
    /// </summary>
    public bool HasRequiredProtocolParameters([NotNullWhen(false)] out string? problem)
    {
        problem = this switch
        {
            { ConsumerKey: null or "" } => "oauth_consumer_key is missing",
            { Nonce: null or "" } => "oauth_nonce is missing",
            { Timestamp: null or "" } => "oauth_timestamp is missing",
            { Signature: null or "" } => "oauth_signature is missing",
            { SignatureMethod: not OAuthSignature.Method } => "oauth_signature_method must be HMAC-SHA1",
            { Version: not (null or "1.0") } => "oauth_version must be 1.0",
            _ => null,
        };
        return problem is null;
    }

    private static void SkipWhitespaceAndCommas(string text, ref int position)
    {
        while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] == ','))
        {
            position++;
        }
    }

    private static bool TryReadPair(string text, ref int position, out string name, out string value)
    {
        value = string.Empty;
        var equals = text.IndexOf('=', position);
        if (equals < 0)
        {
            name = string.Empty;
            return false;
        }

        name = text[position..equals].Trim();
        position = equals + 1;
        if (name.Length == 0)
        {
            return false;
        }

        if (position < text.Length && text[position] == '"')
        {
            var close = text.IndexOf('"', position + 1);
            if (close < 0)
            {
                return false;
            }

            value = text[(position + 1)..close];
            position = close + 1;
            return true;
        }

        // Tolerate unquoted values (some clients send them); they end at the next comma.
        var comma = text.IndexOf(',', position);
        var end = comma < 0 ? text.Length : comma;
        value = text[position..end].Trim();
        position = end;
        return true;
    }
}
