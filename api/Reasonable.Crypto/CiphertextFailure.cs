namespace Reasonable.Crypto;

/// <summary>Why a ciphertext was refused. Every case is an error, never garbage plaintext.</summary>
public enum CiphertextFailure
{
    /// <summary>Shorter than a header, nonce and tag: cut off somewhere.</summary>
    Truncated,

    /// <summary>A format version this build does not know.</summary>
    UnknownVersion,

    /// <summary>Names a key (version or id) the key ring does not hold.</summary>
    UnknownKey,

    /// <summary>The tag does not verify: wrong key, altered bytes, or a value moved to another row, column or user.</summary>
    Forged,
}
