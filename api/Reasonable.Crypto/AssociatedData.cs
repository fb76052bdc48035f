using System.Buffers.Binary;
using System.Text;

namespace Reasonable.Crypto;

/// <summary>
/// Unambiguous encoding of the context a ciphertext is bound to: a count, then each part length-prefixed
/// (LE64), so ("ab", "c") and ("a", "bc") never collide.
/// </summary>
public sealed class AssociatedData
{
    private readonly List<byte[]> parts = [];

    private AssociatedData(string purpose) => Add(purpose);

    /// <summary>Starts the binding with a versioned purpose such as "reasonable/field/v1".</summary>
    public static AssociatedData For(string purpose) => new(purpose);

    public AssociatedData Add(string value) => Add(Encoding.UTF8.GetBytes(value));

    public AssociatedData Add(Guid value) => Add(value.ToByteArray(bigEndian: true));

    public AssociatedData Add(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Add(bytes);
    }

    public AssociatedData Add(ReadOnlySpan<byte> value)
    {
        parts.Add(value.ToArray());
        return this;
    }

    public byte[] ToBytes()
    {
        var length = 8 + parts.Sum(part => 8 + part.Length);
        var output = new byte[length];
        var span = output.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)parts.Count);
        var offset = 8;
        foreach (var part in parts)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], (ulong)part.Length);
            offset += 8;
            part.CopyTo(span[offset..]);
            offset += part.Length;
        }

        return output;
    }
}
