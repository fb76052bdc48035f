using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// A recovery code (shown to the user once) and the key it stands for. The wrapping key is Argon2id of the code,
/// then keyed by the server's recovery subkey: a database dump alone is not enough to attack it. What that key
/// protects is the recovery key pair (<see cref="RecoveryKey"/>).
/// </summary>
public static class RecoveryCode
{
    public const int SaltLength = 16;
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"; // Crockford base32: no I, L, O, U
    private const int Groups = 7;
    private const int GroupLength = 4;

    /// <summary>28 base32 characters (140 bits) in groups of four, e.g. <c>K7QF-…</c>.</summary>
    public static string Generate()
    {
        var random = SodiumCore.GetRandomBytes(Groups * GroupLength);
        var code = new StringBuilder();
        for (var i = 0; i < random.Length; i++)
        {
            if (i > 0 && i % GroupLength == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[random[i] & 31]);
        }

        return code.ToString();
    }

    /// <summary>Upper-cases, drops separators and spaces, and maps look-alikes (O→0, I/L→1), as Crockford base32 does.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = new StringBuilder();
        foreach (var character in code.ToUpperInvariant())
        {
            var mapped = character switch { 'O' => '0', 'I' or 'L' => '1', _ => character };
            if (Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                normalized.Append(mapped);
            }
            else if (mapped is not ('-' or ' '))
            {
                return string.Empty;
            }
        }

        return normalized.ToString();
    }

    /// <summary>The key a code opens: Argon2id of the normalised code, then keyed BLAKE2b under the recovery subkey.</summary>
    internal static byte[] WrappingKey(MasterKeyRing ring, uint keyId, string code, byte[] salt)
    {
        var stretched = PasswordHash.ArgonHashBinary(
            Encoding.ASCII.GetBytes(Normalize(code)), salt, PasswordHash.StrengthArgon.Interactive, Aead.KeyLength, PasswordHash.ArgonAlgorithm.Argon_2ID13);
        var key = GenericHash.Hash(stretched, ring.Subkey(ServerSubkey.RecoveryWrap, keyId), Aead.KeyLength);
        CryptographicOperations.ZeroMemory(stretched);
        return key;
    }
}
