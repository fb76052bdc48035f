using System.Security.Cryptography;
using System.Text;

namespace Reasonable.OAuth1;

/// <summary>HMAC-SHA1 signatures (RFC 5849 §3.4.2) and their constant-time comparison.</summary>
public static class OAuthSignature
{
    public const string Method = "HMAC-SHA1";

    /// <summary>
    /// The signing key is <c>enc(consumerSecret)&amp;enc(tokenSecret)</c>; the ampersand stays even when the token
    /// secret is empty (request_token step).
    /// </summary>
    public static string SigningKey(string consumerSecret, string? tokenSecret) =>
        OAuthPercentEncoding.Encode(consumerSecret) + "&" + OAuthPercentEncoding.Encode(tokenSecret ?? string.Empty);

    public static string Compute(string signatureBase, string consumerSecret, string? tokenSecret) =>
        Convert.ToBase64String(ComputeBytes(signatureBase, consumerSecret, tokenSecret));

    /// <summary>
    /// True when <paramref name="received"/> (base64, as decoded from the header) is the signature of
    /// <paramref name="signatureBase"/>. Compares the raw MAC bytes in constant time, so timing leaks nothing about
    /// how much of a forged signature was right.
    /// </summary>
    public static bool Matches(string signatureBase, string consumerSecret, string? tokenSecret, string received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var expected = ComputeBytes(signatureBase, consumerSecret, tokenSecret);
        Span<byte> actual = stackalloc byte[64];
        if (!Convert.TryFromBase64String(received, actual, out var written))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual[..written]);
    }

    private static byte[] ComputeBytes(string signatureBase, string consumerSecret, string? tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(signatureBase);
        ArgumentNullException.ThrowIfNull(consumerSecret);
        var key = Encoding.ASCII.GetBytes(SigningKey(consumerSecret, tokenSecret));
        try
        {
#pragma warning disable CA5350 // OAuth 1.0a as X implements it mandates HMAC-SHA1; we do not choose the algorithm.
            return HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(signatureBase));
#pragma warning restore CA5350
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
