using System.Security.Cryptography;

namespace Reasonable.OAuth1;

/// <summary>
/// Nonces as X documents them: 32 random bytes, base64, with every non-word character removed. X accepts only ASCII
/// nonces, and a CSPRNG keeps them unique per (consumer, token, timestamp) as RFC 5849 §3.3 requires.
/// </summary>
public static class OAuthNonce
{
    public static string Create()
    {
        var encoded = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return string.Concat(encoded.Where(char.IsAsciiLetterOrDigit));
    }
}
