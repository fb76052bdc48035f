using System.Security.Cryptography;
using System.Text;
using Reasonable.Api.Hosting;
using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// Opens the master key(s) at boot: REASONABLE_MASTER_KEY holds one or more comma-separated sealed keys, primary
/// first. Each must be sealed to the arch key compiled into this build and signed by its check key.
/// </summary>
public static class ServerKeyLoader
{
    public const string MasterKeyVariable = "REASONABLE_MASTER_KEY";

    /// <summary>Published, like the development arch keys: anything it protects is readable by anyone.</summary>
    private static readonly MasterKey DevelopmentMasterKey =
        new(0, SHA256.HashData(Encoding.ASCII.GetBytes("Reasonable published development master key")));

    public static LoadedServerKeys Load(string? masterKeyText, bool isProduction)
    {
        var warnings = new List<string>();
        var masterKeys = OpenMasterKeys(masterKeyText, isProduction, warnings);
        if (BuildKeys.IsDevelopmentSet)
        {
            if (isProduction)
            {
                throw new StartupRefusedException(
                    "this binary was built with the published development key set; rebuild with ARCH_KEYS from `npm run keygen -- arch`.");
            }

            warnings.Add("INSECURE: built without ARCH_KEYS, so the published development arch key set is in use. Never run this build with real data.");
        }

        return new LoadedServerKeys(masterKeys, warnings);
    }

    private static MasterKeyRing OpenMasterKeys(string? masterKeyText, bool isProduction, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(masterKeyText) && !isProduction)
        {
            warnings.Add($"INSECURE: {MasterKeyVariable} is not set, so the published development master key is in use. Never run this way with real data.");
            return new MasterKeyRing([DevelopmentMasterKey]);
        }

        var buildKeys = BuildKeySet.Parse(BuildKeys.ArchKeys);
        try
        {
            var keys = (masterKeyText ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(text => SealedMasterKey.Open(text, buildKeys))
                .ToList();
            if (keys.Count == 0)
            {
                throw new MasterKeyException(MasterKeyProblem.Missing);
            }

            if (keys.DistinctBy(key => key.KeyId).Count() != keys.Count)
            {
                throw new StartupRefusedException($"{MasterKeyVariable} lists the same master key id twice.");
            }

            return new MasterKeyRing(keys);
        }
        catch (MasterKeyException exception)
        {
            throw new StartupRefusedException(exception.Message);
        }
    }
}
