using System.Buffers.Text;
using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// A single-use secret handed to a browser (the sign-in code): 256 random bits as base64url. The database keeps
/// only a hash of it to find the row, and anything stored for it is sealed under a key derived from the code,
/// so a database dump, even with the master key, cannot open what is waiting to be picked up.
/// </summary>
public static class OneTimeCode
{
    private const int CodeLength = 32;
    private const string Context = "rsnbcode";

    public static string Generate() => Base64Url.EncodeToString(SodiumCore.GetRandomBytes(CodeLength));

    /// <summary>The value to find the code's row by; null when <paramref name="code"/> is not shaped like a code.</summary>
    public static byte[]? LookupHash(string? code) => Derive(code, 1);

    public static Ciphertext Seal(string code, ReadOnlySpan<byte> plaintext)
    {
        var key = Derive(code, 2) ?? throw new ArgumentException("Not a one-time code.", nameof(code));
        try
        {
            return Aead.Encrypt(key, 0, plaintext, AssociatedData.For("reasonable/one-time-code/v1"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens what was sealed for <paramref name="code"/>; throws <see cref="CiphertextException"/> for any other code.</summary>
    public static byte[] Open(string code, Ciphertext sealedValue)
    {
        var key = Derive(code, 2) ?? throw new CiphertextException(CiphertextFailure.Forged);
        try
        {
            return Aead.Decrypt(key, sealedValue, AssociatedData.For("reasonable/one-time-code/v1"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[]? Derive(string? code, ulong purpose)
    {
        if (code is null || !Base64Url.IsValid(code, out var length) || length != CodeLength)
        {
            return null;
        }

        var secret = Base64Url.DecodeFromChars(code);
        try
        {
            return Kdf.DeriveSubkey(secret, purpose, Context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
