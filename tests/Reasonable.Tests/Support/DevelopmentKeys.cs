using Reasonable.Crypto;

namespace Reasonable.Tests.Support;

/// <summary>
/// The published development key set the test build embeds (ARCH_KEYS unset). Its check secret key is public,
/// like the rest of the set, so tests can make master keys this build accepts.
/// </summary>
public static class DevelopmentKeys
{
    public const string CheckSecretKey = "csk1.94soTIjZqLLAtUSsP1HUQpekBfnZRVA1tgjeItqKmRs";

    public static BuildKeySet BuildKeys { get; } = BuildKeySet.Parse(Reasonable.Api.Keys.BuildKeys.ArchKeys);

    public static byte[] CheckSecretSeed { get; } = KeyText.TryParse(CheckSecretKey, BuildKeySet.CheckSecretKeyPrefix, 32)!;

    /// <summary>A fresh master key, sealed and signed the way `npm run keygen -- master` does for this build.</summary>
    public static string NewSealedMasterKey() => SealedMasterKey.Create(MasterKey.Generate(), BuildKeys.ArchPublicKey, CheckSecretSeed);
}
