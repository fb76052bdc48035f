using System.Security.Cryptography;
using System.Text;

namespace Reasonable.Sandbox.Mastodon.OAuth;

/// <summary>Random values for client ids, secrets, codes and tokens, and the one way they are compared.</summary>
public static class Secrets
{
    /// <summary>32 random bytes as base64url without padding (43 characters), the shape of Mastodon's values.</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>RFC 7636 S256: base64url-no-padding(SHA-256(ASCII(verifier))).</summary>
    public static string S256(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
