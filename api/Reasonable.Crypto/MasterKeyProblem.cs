namespace Reasonable.Crypto;

/// <summary>Why the server refuses to start with the master key it was given.</summary>
public enum MasterKeyProblem
{
    Missing,
    Malformed,
    SealedToAnotherArchKey,
    SignedByAnotherCheckKey,
}
