using System.Buffers.Binary;
using System.Security.Cryptography;
using Sodium;

namespace Reasonable.Crypto;

/// <summary>
/// REASONABLE_MASTER_KEY: key id ‖ master key ‖ Ed25519 signature by the check key, sealed to the arch public key.
/// The seal keeps it secret from whoever reads the environment; the signature stops anyone who can write the
/// environment from substituting a master key of their own (sealed boxes are anonymous).
/// </summary>
public static class SealedMasterKey
{
    public const string Prefix = "rmk1.";
    private const int PlaintextLength = 4 + Aead.KeyLength + 64;
    private const int SealedLength = PlaintextLength + 48;

    public static string Create(MasterKey masterKey, byte[] archPublicKey, byte[] checkSecretSeed)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        var check = PublicKeyAuth.GenerateKeyPair(checkSecretSeed);
        var signature = PublicKeyAuth.SignDetached(SignedMessage(masterKey.KeyId, archPublicKey, masterKey.Key), check.PrivateKey);
        var plaintext = new byte[PlaintextLength];
        BinaryPrimitives.WriteUInt32BigEndian(plaintext, masterKey.KeyId);
        masterKey.Key.CopyTo(plaintext, 4);
        signature.CopyTo(plaintext, 4 + Aead.KeyLength);
        var sealedBytes = SealedPublicKeyBox.Create(plaintext, archPublicKey);
        CryptographicOperations.ZeroMemory(plaintext);
        return KeyText.Format(Prefix, sealedBytes);
    }

    /// <summary>Opens and verifies the value, or throws <see cref="MasterKeyException"/> saying which check failed.</summary>
    public static MasterKey Open(string? text, BuildKeySet buildKeys)
    {
        ArgumentNullException.ThrowIfNull(buildKeys);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MasterKeyException(MasterKeyProblem.Missing);
        }

        var sealedBytes = KeyText.TryParse(text.Trim(), Prefix, SealedLength)
            ?? throw new MasterKeyException(MasterKeyProblem.Malformed);
        byte[] plaintext;
        try
        {
            plaintext = SealedPublicKeyBox.Open(sealedBytes, buildKeys.ArchSecretKey, buildKeys.ArchPublicKey);
        }
        catch (CryptographicException)
        {
            throw new MasterKeyException(MasterKeyProblem.SealedToAnotherArchKey);
        }

        var keyId = BinaryPrimitives.ReadUInt32BigEndian(plaintext);
        var key = plaintext[4..(4 + Aead.KeyLength)];
        var signature = plaintext[(4 + Aead.KeyLength)..];
        CryptographicOperations.ZeroMemory(plaintext);
        if (!PublicKeyAuth.VerifyDetached(signature, SignedMessage(keyId, buildKeys.ArchPublicKey, key), buildKeys.CheckPublicKey))
        {
            CryptographicOperations.ZeroMemory(key);
            throw new MasterKeyException(MasterKeyProblem.SignedByAnotherCheckKey);
        }

        return new MasterKey(keyId, key);
    }

    private static byte[] SignedMessage(uint keyId, byte[] archPublicKey, byte[] key) =>
        AssociatedData.For("reasonable/master-key/v1").Add(keyId).Add(archPublicKey).Add(key).ToBytes();
}
