using System.Buffers.Text;

namespace Reasonable.Crypto;

/// <summary>
/// How keys travel as text (environment variables, .env lines): a short versioned prefix, then base64url.
/// The prefix says what a value is, so pasting one key where another belongs fails loudly.
/// </summary>
public static class KeyText
{
    public static string Format(string prefix, ReadOnlySpan<byte> bytes) => prefix + Base64Url.EncodeToString(bytes);

    /// <summary>Returns the decoded bytes, or null when the prefix, alphabet or length is wrong.</summary>
    public static byte[]? TryParse(string? text, string prefix, int expectedLength)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = text.AsSpan(prefix.Length).Trim();
        if (!Base64Url.IsValid(body, out var decodedLength) || decodedLength != expectedLength)
        {
            return null;
        }

        return Base64Url.DecodeFromChars(body);
    }
}
