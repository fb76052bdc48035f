using System.Text;

namespace Reasonable.OAuth1;

/// <summary>
/// RFC 5849 §3.6 percent-encoding: UTF-8 bytes, everything but <c>A-Z a-z 0-9 - . _ ~</c> as <c>%XX</c> in upper case.
/// Written by hand rather than with <see cref="Uri.EscapeDataString(string)"/> so the rule is visible and never changes
/// with the framework, and so a space is always <c>%20</c> (never <c>+</c>) and whitespace is never dropped.
/// </summary>
public static class OAuthPercentEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes <c>%XX</c> sequences (UTF-8); <c>+</c> stays <c>+</c>. Used for Authorization header values.</summary>
    public static string Decode(string value) => Decode(value, plusIsSpace: false);

    /// <summary>
    /// Decodes a query-string or <c>application/x-www-form-urlencoded</c> component, where <c>+</c> means a space
    /// (RFC 5849 §3.4.1.3.1 defers to the HTML form rules for these).
    /// </summary>
    public static string DecodeForm(string value) => Decode(value, plusIsSpace: true);

    private static string Decode(string value, bool plusIsSpace)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IndexOf('%', StringComparison.Ordinal) < 0 && (!plusIsSpace || value.IndexOf('+', StringComparison.Ordinal) < 0))
        {
            return value;
        }

        // Work on bytes so multi-byte UTF-8 sequences split over several %XX decode as one character.
        var input = Encoding.UTF8.GetBytes(value);
        var output = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == '%' && i + 2 < input.Length && TryHex(input[i + 1], out var high) && TryHex(input[i + 2], out var low))
            {
                output.Add((byte)((high << 4) | low));
                i += 2;
            }
            else if (b == '+' && plusIsSpace)
            {
                output.Add((byte)' ');
            }
            else
            {
                // A stray '%' is kept literally rather than rejected: the signature check will fail anyway if it matters.
                output.Add(b);
            }
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
