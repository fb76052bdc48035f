using System.Buffers.Binary;
using System.Text;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// libsodium's crypto_kdf_derive_from_key, which Sodium.Core does not bind: keyed BLAKE2b over an empty message
/// with salt = LE64(subkey id) ‖ 0⁸ and personal = context ‖ 0⁸ (byte-identical to the native function).
/// </summary>
public static class Kdf
{
    public const int ContextLength = 8;

    public static byte[] DeriveSubkey(byte[] key, ulong subkeyId, string context, int length = 32)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        var contextBytes = Encoding.ASCII.GetBytes(context);
        if (contextBytes.Length != ContextLength)
        {
            throw new ArgumentException($"A KDF context is exactly {ContextLength} ASCII characters.", nameof(context));
        }

        var salt = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(salt, subkeyId);
        var personal = new byte[16];
        contextBytes.CopyTo(personal, 0);
        return GenericHash.HashSaltPersonal([], key, salt, personal, length);
    }
}
