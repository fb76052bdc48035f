using System.Buffers.Binary;
using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// The one authenticated-encryption construction every layer uses. The header (version and key id) is part of
/// the associated data, so neither can be changed without the tag failing.
/// </summary>
public static class Aead
{
    public const int KeyLength = 32;

    public static Ciphertext Encrypt(byte[] key, uint keyId, ReadOnlySpan<byte> plaintext, AssociatedData binding)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(binding);
        var header = new byte[Ciphertext.HeaderLength];
        header[0] = Ciphertext.FormatVersion;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), keyId);
        var nonce = SecretAeadXChaCha20Poly1305.GenerateNonce();
        var sealedBytes = SecretAeadXChaCha20Poly1305.Encrypt(plaintext.ToArray(), nonce, key, Bind(header, binding));
        return new Ciphertext([.. header, .. nonce, .. sealedBytes]);
    }

    public static byte[] Decrypt(byte[] key, Ciphertext ciphertext, AssociatedData binding)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(binding);
        ciphertext.EnsureWellFormed();
        var span = ciphertext.Span;
        var nonce = span.Slice(Ciphertext.HeaderLength, Ciphertext.NonceLength).ToArray();
        var sealedBytes = span[(Ciphertext.HeaderLength + Ciphertext.NonceLength)..].ToArray();
        try
        {
            return SecretAeadXChaCha20Poly1305.Decrypt(sealedBytes, nonce, key, Bind(span[..Ciphertext.HeaderLength], binding));
        }
        catch (CryptographicException exception)
        {
            throw new CiphertextException(CiphertextFailure.Forged, exception);
        }
    }

    /// <summary>The header, then the binding's encoding: the associated data the tag covers.</summary>
    private static byte[] Bind(ReadOnlySpan<byte> header, AssociatedData binding)
    {
        var bound = new byte[header.Length + binding.Length];
        header.CopyTo(bound);
        binding.CopyTo(bound.AsSpan(header.Length));
        return bound;
    }
}
