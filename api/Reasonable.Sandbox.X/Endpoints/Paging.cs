using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// v2 pagination: <c>max_results</c> within X's bounds, and opaque <c>pagination_token</c>s. A token is an offset plus
/// a check bound to the listing it came from (user + relation), 10 bytes in lower-case base32hex = 16 characters,
/// matching the OpenAPI's <c>minLength: 16</c>. A token from another listing is rejected as invalid.
/// </summary>
public static class Paging
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>Parses <c>max_results</c>; null means "use the default".</summary>
    public static bool TryMaxResults(string? raw, int maximum, int fallback, out int value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (raw is null)
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= maximum)
        {
            return true;
        }

        error = XErrors.InvalidRequest(
            "max_results",
            raw,
            string.Create(CultureInfo.InvariantCulture, $"The `max_results` query parameter value [{raw}] is not between 1 and {maximum}"));
        return false;
    }

    public static bool TryOffset(string? token, string scope, out int offset, out IResult? error)
    {
        error = null;
        offset = 0;
        if (token is null)
        {
            return true;
        }

        if (TryDecode(token, out var bytes) && bytes.Length == 10)
        {
            offset = BinaryPrimitives.ReadInt32BigEndian(bytes);
            if (offset >= 0 && Check(scope, offset).AsSpan().SequenceEqual(bytes.AsSpan(4)))
            {
                return true;
            }
        }

        error = XErrors.InvalidRequest(
            "pagination_token", token, $"The `pagination_token` query parameter value [{token}] is not valid");
        return false;
    }

    public static string Token(string scope, int offset)
    {
        var bytes = new byte[10];
        BinaryPrimitives.WriteInt32BigEndian(bytes, offset);
        Check(scope, offset).CopyTo(bytes, 4);
        return Encode(bytes);
    }

    private static byte[] Check(string scope, int offset) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{scope}\n{offset}")))[..6];

    private static string Encode(byte[] bytes)
    {
        var builder = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(Base32Hex[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return builder.ToString();
    }

    private static bool TryDecode(string token, out byte[] bytes)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in token)
        {
            var index = Base32Hex.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                bytes = [];
                return false;
            }

            buffer = ((buffer << 5) | index) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        bytes = [.. output];
        return true;
    }
}
