using System.Security.Cryptography;

namespace Reasonable.Crypto;

/// <summary>A ciphertext that cannot be opened. The message never contains key material or plaintext.</summary>
public sealed class CiphertextException : CryptographicException
{
    public CiphertextException(CiphertextFailure failure)
        : base(Describe(failure)) => Failure = failure;

    public CiphertextException(CiphertextFailure failure, Exception innerException)
        : base(Describe(failure), innerException) => Failure = failure;

    public CiphertextFailure Failure { get; }

    private static string Describe(CiphertextFailure failure) => failure switch
    {
        CiphertextFailure.Truncated => "The ciphertext is truncated.",
        CiphertextFailure.UnknownVersion => "The ciphertext has an unknown format version.",
        CiphertextFailure.UnknownKey => "The ciphertext names a key that is not available.",
        _ => "The ciphertext does not authenticate: wrong key, tampered, or moved from where it was written.",
    };
}
