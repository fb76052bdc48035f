namespace Reasonable.Crypto;

/// <summary>A master key the server must not start with. The message is one line an operator can act on.</summary>
public sealed class MasterKeyException : Exception
{
    public MasterKeyException(MasterKeyProblem problem)
        : base(Describe(problem)) => Problem = problem;

    public MasterKeyProblem Problem { get; }

    private static string Describe(MasterKeyProblem problem) => problem switch
    {
        MasterKeyProblem.Missing =>
            "REASONABLE_MASTER_KEY is not set; make one with `npm run keygen -- master <arch public key>`.",
        MasterKeyProblem.Malformed =>
            "REASONABLE_MASTER_KEY is malformed; expected the `rmk1.` value printed by `npm run keygen -- master`.",
        MasterKeyProblem.SealedToAnotherArchKey =>
            "REASONABLE_MASTER_KEY is sealed to another arch key than the one built into this binary; rebuild with the matching ARCH_KEYS or make a master key for this build's arch public key.",
        _ =>
            "REASONABLE_MASTER_KEY is not signed by this build's check key; refusing a master key of unknown origin.",
    };
}
