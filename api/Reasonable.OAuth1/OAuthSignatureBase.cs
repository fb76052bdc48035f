using System.Globalization;
using System.Text;

namespace Reasonable.OAuth1;

/// <summary>The signature base string of RFC 5849 §3.4.1: <c>METHOD&amp;enc(base URI)&amp;enc(normalized parameters)</c>.</summary>
public static class OAuthSignatureBase
{
    public static string Build(string method, Uri requestUri, IEnumerable<OAuthParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        return string.Concat(
            method.ToUpperInvariant(),
            "&",
            OAuthPercentEncoding.Encode(NormalizeUri(requestUri)),
            "&",
            OAuthPercentEncoding.Encode(NormalizeParameters(parameters)));
    }

    /// <summary>
    /// RFC 5849 §3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's default, the path as
    /// sent, no query or fragment. The port matters for the sandbox, which listens on a non-default one.
    /// </summary>
    public static string NormalizeUri(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!requestUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The request URI must be absolute to be signed.", nameof(requestUri));
        }

        var scheme = requestUri.Scheme.ToLowerInvariant();
        var host = requestUri.Host.ToLowerInvariant();
        var defaultPort = (scheme == "http" && requestUri.Port == 80) || (scheme == "https" && requestUri.Port == 443);
        var authority = defaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{requestUri.Port}");
        var path = requestUri.AbsolutePath.Length == 0 ? "/" : requestUri.AbsolutePath;
        return string.Concat(scheme, "://", authority, path);
    }

    /// <summary>
    /// RFC 5849 §3.4.1.3.2: encode every name and value, sort by encoded name then encoded value in ordinal (byte)
    /// order, and join as <c>name=value</c> with <c>&amp;</c>. Culture-aware sorting would put <c>user_fields</c>
    /// before <c>user.fields</c> and break signatures.
    /// </summary>
    public static string NormalizeParameters(IEnumerable<OAuthParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var encoded = parameters
            .Select(p => (Name: OAuthPercentEncoding.Encode(p.Name), Value: OAuthPercentEncoding.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var (name, value) in encoded)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Splits a query string or form body (<c>a=1&amp;b=2</c>, optionally with a leading <c>?</c>) into decoded
    /// parameters; <c>+</c> is a space and a name without <c>=</c> has an empty value (RFC 5849's <c>c2</c> example).
    /// </summary>
    public static IReadOnlyList<OAuthParameter> ParseQuery(string? query)
    {
        var result = new List<OAuthParameter>();
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result.Add(new OAuthParameter(OAuthPercentEncoding.DecodeForm(name), OAuthPercentEncoding.DecodeForm(value)));
        }

        return result;
    }
}
