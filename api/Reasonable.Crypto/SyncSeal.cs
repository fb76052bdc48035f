using System.Buffers.Binary;
using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// Write-only sync pages: <c>0x01 ‖ sealed box(binding length (u32 BE) ‖ binding ‖ payload)</c> to the user's sync
/// public key. Sealed boxes are anonymous, so the binding (<see cref="SyncPageBinding"/>) travels inside and is
/// compared in constant time on open: a page moved to another user, run, relation or page number is refused.
/// </summary>
public static class SyncSeal
{
    public const byte FormatVersion = 1;

    /// <summary>Sealed-box overhead (ephemeral public key and tag) plus the version byte.</summary>
    private const int SealedBoxOverhead = 32 + 16;

    public static byte[] Seal(byte[] publicKey, SyncPageBinding binding, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var bound = binding.ToBytes();
        var plaintext = new byte[4 + bound.Length + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(plaintext, (uint)bound.Length);
        bound.CopyTo(plaintext.AsSpan(4));
        payload.CopyTo(plaintext.AsSpan(4 + bound.Length));
        return [FormatVersion, .. SealedPublicKeyBox.Create(plaintext, publicKey)];
    }

    /// <summary>The page's payload; throws <see cref="CiphertextException"/> when it does not open or belongs elsewhere.</summary>
    public static byte[] Open(SyncKeyPair keys, SyncPageBinding binding, byte[] sealedPage)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(sealedPage);
        if (sealedPage.Length < 1 + SealedBoxOverhead + 4)
        {
            throw new CiphertextException(CiphertextFailure.Truncated);
        }

        if (sealedPage[0] != FormatVersion)
        {
            throw new CiphertextException(CiphertextFailure.UnknownVersion);
        }

        byte[] plaintext;
        try
        {
            plaintext = SealedPublicKeyBox.Open(sealedPage[1..], keys.SecretKey, keys.PublicKey);
        }
        catch (CryptographicException exception)
        {
            throw new CiphertextException(CiphertextFailure.Forged, exception);
        }

        try
        {
            if (plaintext.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(plaintext) > (uint)(plaintext.Length - 4))
            {
                throw new CiphertextException(CiphertextFailure.Forged);
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(plaintext);
            if (!CryptographicOperations.FixedTimeEquals(plaintext.AsSpan(4, length), binding.ToBytes()))
            {
                throw new CiphertextException(CiphertextFailure.Forged);
            }

            return plaintext[(4 + length)..];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
