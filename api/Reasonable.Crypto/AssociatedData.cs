using System.Buffers.Binary;
using System.Text;

namespace Reasonable.Crypto;

/// <summary>
/// Unambiguous encoding of the context a ciphertext is bound to: a count, then each part length-prefixed
/// (LE64), so ("ab", "c") and ("a", "bc") never collide. Parts are written straight into one buffer: every row a
/// list opens builds one of these, so it allocates once or twice instead of once per part.
/// </summary>
public sealed class AssociatedData
{
    private const int CountLength = 8;
    private const int PartLengthLength = 8;

    // [count (written when read)] [length, part] ...
    private byte[] buffer = new byte[160];
    private int length = CountLength;
    private int count;

    private AssociatedData(string purpose) => Add(purpose);

    /// <summary>Starts the binding with a versioned purpose such as "reasonable/field/v1".</summary>
    public static AssociatedData For(string purpose) => new(purpose);

    public AssociatedData Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Encoding.UTF8.GetBytes(value, Reserve(Encoding.UTF8.GetByteCount(value)));
        return this;
    }

    public AssociatedData Add(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        return this;
    }

    public AssociatedData Add(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);
        return this;
    }

    public AssociatedData Add(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary>How many bytes <see cref="CopyTo"/> writes.</summary>
    public int Length => length;

    /// <summary>Writes the encoding into <paramref name="destination"/>, which must hold <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)count);
        buffer.AsSpan(CountLength, length - CountLength).CopyTo(destination[CountLength..]);
    }

    public byte[] ToBytes()
    {
        var output = new byte[length];
        CopyTo(output);
        return output;
    }

    /// <summary>Room for one more part of <paramref name="partLength"/> bytes, after its length prefix.</summary>
    private Span<byte> Reserve(int partLength)
    {
        var needed = length + PartLengthLength + partLength;
        if (needed > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(length), (ulong)partLength);
        length += PartLengthLength;
        var part = buffer.AsSpan(length, partLength);
        length += partLength;
        count++;
        return part;
    }
}
