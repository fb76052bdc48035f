using System.Buffers.Binary;

namespace Reasonable.Crypto;

/// <summary>
/// An encrypted value as stored: <c>version(1) ‖ key id(4, BE) ‖ nonce(24) ‖ XChaCha20-Poly1305 output</c>.
/// Repositories only ever see this type; turning it into plaintext needs a key ring.
/// </summary>
public sealed class Ciphertext
{
    public const byte FormatVersion = 1;
    public const int HeaderLength = 5;
    public const int NonceLength = 24;
    public const int TagLength = 16;
    public const int Overhead = HeaderLength + NonceLength + TagLength;

    private readonly byte[] bytes;

    public Ciphertext(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        this.bytes = bytes;
    }

    public int Length => bytes.Length;

    /// <summary>The key (data-key version, KEK version or master key id) this value was sealed under.</summary>
    public uint KeyId
    {
        get
        {
            EnsureWellFormed();
            return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4));
        }
    }

    public ReadOnlySpan<byte> Span => bytes;

    public byte[] ToArray() => (byte[])bytes.Clone();

    internal void EnsureWellFormed()
    {
        if (bytes.Length < Overhead)
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        if (bytes[0] != FormatVersion)
        {
            throw new CiphertextException(CiphertextFailure.UnknownVersion);
        }
    }
}
