using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// The keys compiled into the binary from ARCH_KEYS: the arch X25519 key pair that opens the sealed master key,
/// and the check Ed25519 public key that proves who made it. Binary alone or environment alone reveals nothing.
/// </summary>
public sealed class BuildKeySet
{
    public const string Prefix = "ak1.";
    public const string ArchPublicKeyPrefix = "apk1.";
    public const string CheckSecretKeyPrefix = "csk1.";
    private const int KeyLength = 32;

    public BuildKeySet(byte[] archPublicKey, byte[] archSecretKey, byte[] checkPublicKey)
    {
        ArchPublicKey = archPublicKey;
        ArchSecretKey = archSecretKey;
        CheckPublicKey = checkPublicKey;
    }

    public byte[] ArchPublicKey { get; }

    public byte[] ArchSecretKey { get; }

    public byte[] CheckPublicKey { get; }

    /// <summary>The arch public key as `npm run keygen -- master` expects it.</summary>
    public string ArchPublicKeyText => KeyText.Format(ArchPublicKeyPrefix, ArchPublicKey);

    /// <summary>Parses the ARCH_KEYS value, checking that the arch secret key matches its public key.</summary>
    public static BuildKeySet Parse(string text)
    {
        var bytes = KeyText.TryParse(text, Prefix, 3 * KeyLength)
            ?? throw new FormatException("ARCH_KEYS is malformed: expected the value printed by `npm run keygen -- arch`.");
        var keys = new BuildKeySet(bytes[..32], bytes[32..64], bytes[64..]);
        if (!Utilities.Compare(ScalarMult.Base(keys.ArchSecretKey), keys.ArchPublicKey))
        {
            throw new FormatException("ARCH_KEYS is inconsistent: its arch secret key does not match its arch public key.");
        }

        return keys;
    }

    /// <summary>Makes a new arch key pair and check key pair; the check secret key is returned for offline keeping.</summary>
    public static (BuildKeySet Keys, byte[] CheckSecretSeed) Generate()
    {
        var arch = PublicKeyBox.GenerateKeyPair();
        var checkSeed = SodiumCore.GetRandomBytes(KeyLength);
        var check = PublicKeyAuth.GenerateKeyPair(checkSeed);
        return (new BuildKeySet(arch.PublicKey, arch.PrivateKey, check.PublicKey), checkSeed);
    }

    public string Format() => KeyText.Format(Prefix, [.. ArchPublicKey, .. ArchSecretKey, .. CheckPublicKey]);
}
