namespace Reasonable.Crypto;

/// <summary>
/// What the database keeps for one user's recovery code (see <see cref="RecoveryKey"/>): the Argon2id salt, the
/// recovery secret key wrapped under the code's key, the recovery public key sealed by the server, and the user key
/// sealed to that public key.
/// </summary>
public sealed record RecoverySetup(byte[] Salt, Ciphertext SecretKeyCiphertext, Ciphertext PublicKey, byte[] SealedUserKey);
