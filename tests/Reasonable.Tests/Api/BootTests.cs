using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>The real API binary refuses to start, with its own one-line reason, for every bad master key.</summary>
[Collection(PostgresTests.Name)]
public sealed class BootTests(PostgresServer postgres)
{
    public static TheoryData<string, string, string> BadMasterKeys()
    {
        var otherArch = BuildKeySet.Generate().Keys;
        return new()
        {
            { "Production", string.Empty, "REASONABLE_MASTER_KEY is not set" },
            { "Development", "rmk1.this-is-not-a-sealed-key", "REASONABLE_MASTER_KEY is malformed" },
            {
                "Development",
                SealedMasterKey.Create(MasterKey.Generate(), otherArch.ArchPublicKey, DevelopmentKeys.CheckSecretSeed),
                "REASONABLE_MASTER_KEY is sealed to another arch key"
            },
            {
                "Development",
                SealedMasterKey.Create(MasterKey.Generate(), DevelopmentKeys.BuildKeys.ArchPublicKey, Sodium.SodiumCore.GetRandomBytes(32)),
                "REASONABLE_MASTER_KEY is not signed by this build's check key"
            },
        };
    }

    [Theory]
    [MemberData(nameof(BadMasterKeys))]
    public async Task Start_Refuses_ABadMasterKey_WithItsOwnReason(string environment, string masterKey, string reason)
    {
        var (exitCode, output) = await ApiProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["REASONABLE_MASTER_KEY"] = masterKey,
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.AdminConnectionString),
        });

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Reasonable cannot start: {reason}", refusal, StringComparison.Ordinal);
        if (masterKey.Length > 0)
        {
            Assert.DoesNotContain(masterKey, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_Refuses_TheDevelopmentKeySet_InProduction()
    {
        var (exitCode, output) = await ApiProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["REASONABLE_MASTER_KEY"] = DevelopmentKeys.NewSealedMasterKey(),
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.AdminConnectionString),
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("published development key set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Succeeds_WithAValidSealedMasterKey()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["REASONABLE_MASTER_KEY"] = DevelopmentKeys.NewSealedMasterKey(),
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase()),
        });

        Assert.DoesNotContain("development master key is in use", api.Output, StringComparison.Ordinal);
        Assert.Contains("development arch key set", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WarnsLoudly_WhenUsingTheDevelopmentMasterKey()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase()),
        });

        Assert.Contains("INSECURE: REASONABLE_MASTER_KEY is not set", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Refuses_WithoutADatabaseUrl()
    {
        var (exitCode, output) = await ApiProcess.RunToExitAsync(new Dictionary<string, string?>());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DATABASE_URL is not set", output, StringComparison.Ordinal);
    }
}
