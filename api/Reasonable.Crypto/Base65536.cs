using System.Buffers;
using System.Globalization;
using System.Text;

namespace Reasonable.Crypto;

/// <summary>
/// qntm's Base65536 (byte-compatible with npm base65536@5): two bytes per code point, a single trailing byte as
/// U+1500 + b. Decoding is strict: anything outside the alphabet, or after a final-byte character, is an error.
/// </summary>
public static class Base65536
{
    // Every block is 256 code points and 256-aligned, so a code point splits into (block = cp >> 8, offset = cp & 0xFF):
    // the block gives the second byte, the offset the first (the "flip the bytes around" rule of the reference).
    private const int FinalByteBlock = 0x15;
    private const int NoBlock = -1;
    private const int FinalByteMarker = 256;

    // (first block, number of blocks) in second-byte order; the counts add up to 256.
    private static readonly (int FirstBlock, int Count)[] BlockRanges =
    [
        (0x034, 25),  // U+3400..U+4CFF     b2 0x00..0x18
        (0x04E, 81),  // U+4E00..U+9EFF     b2 0x19..0x69
        (0x0A1, 3),   // U+A100..U+A3FF     b2 0x6A..0x6C
        (0x0A5, 1),   // U+A500..U+A5FF     b2 0x6D
        (0x106, 1),   // U+10600..U+106FF   b2 0x6E (first astral block)
        (0x120, 3),   // U+12000..U+122FF   b2 0x6F..0x71
        (0x130, 4),   // U+13000..U+133FF   b2 0x72..0x75
        (0x144, 2),   // U+14400..U+145FF   b2 0x76..0x77
        (0x168, 2),   // U+16800..U+169FF   b2 0x78..0x79
        (0x200, 134), // U+20000..U+285FF   b2 0x7A..0xFF
    ];

    // Second byte -> block (code point >> 8).
    private static readonly int[] BlockOfSecondByte = BuildBlockOfSecondByte();

    // Block (code point >> 8) -> second byte, FinalByteMarker for U+15xx, NoBlock otherwise. Indexed up to the last
    // block, so anything beyond it is outside the alphabet without a lookup.
    private static readonly short[] SecondByteOfBlock = BuildSecondByteOfBlock();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        // Worst case is every pair astral (2 UTF-16 units per 2 bytes) plus one unit for an odd final byte.
        var chars = new char[bytes.Length + 1];
        var written = 0;
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            var rune = new Rune((BlockOfSecondByte[bytes[i + 1]] << 8) | bytes[i]);
            written += rune.EncodeToUtf16(chars.AsSpan(written));
        }

        if (i < bytes.Length)
        {
            chars[written++] = (char)((FinalByteBlock << 8) | bytes[i]);
        }

        return new string(chars, 0, written);
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Each UTF-16 unit yields at most 2 bytes (a BMP char gives 2, a surrogate pair gives 2 for 2 units).
        var output = new byte[checked(text.Length * 2)];
        var length = 0;
        var finalByteAt = -1;
        var index = 0;
        while (index < text.Length)
        {
            // DecodeFromUtf16 (not EnumerateRunes) so a lone surrogate is reported as such instead of silently
            // turning into U+FFFD.
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                throw new FormatException(Invariant(
                    $"Base65536: lone UTF-16 surrogate 0x{(int)text[index]:X4} at UTF-16 index {index} is not a valid character."));
            }

            if (finalByteAt >= 0)
            {
                throw new FormatException(Invariant(
                    $"Base65536: U+{rune.Value:X4} at UTF-16 index {index} follows the final-byte character at UTF-16 index {finalByteAt}; a final-byte character (U+1500..U+15FF) must be the last character."));
            }

            var block = rune.Value >> 8;
            var secondByte = block < SecondByteOfBlock.Length ? SecondByteOfBlock[block] : NoBlock;
            if (secondByte == NoBlock)
            {
                throw new FormatException(Invariant(
                    $"Base65536: U+{rune.Value:X4} at UTF-16 index {index} is not in the Base65536 alphabet."));
            }

            output[length++] = (byte)rune.Value;
            if (secondByte == FinalByteMarker)
            {
                finalByteAt = index;
            }
            else
            {
                output[length++] = (byte)secondByte;
            }

            index += consumed;
        }

        Array.Resize(ref output, length);
        return output;
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private static int[] BuildBlockOfSecondByte()
    {
        var table = new int[256];
        var secondByte = 0;
        foreach (var (firstBlock, count) in BlockRanges)
        {
            for (var k = 0; k < count; k++)
            {
                table[secondByte++] = firstBlock + k;
            }
        }

        // A wrong range table would silently produce undecodable text; fail at type initialisation instead.
        if (secondByte != 256)
        {
            throw new InvalidOperationException("Base65536 block table does not cover exactly 256 blocks.");
        }

        return table;
    }

    private static short[] BuildSecondByteOfBlock()
    {
        var lastBlock = BlockRanges[^1].FirstBlock + BlockRanges[^1].Count - 1;
        var table = new short[lastBlock + 1];
        Array.Fill(table, (short)NoBlock);
        for (var secondByte = 0; secondByte < 256; secondByte++)
        {
            table[BlockOfSecondByte[secondByte]] = (short)secondByte;
        }

        table[FinalByteBlock] = FinalByteMarker;
        return table;
    }
}
