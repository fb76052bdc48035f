using System.Runtime.InteropServices;
using Reasonable.Crypto;
using Sodium;

namespace Reasonable.Tests.Crypto;

public sealed partial class KdfTests
{
    [Fact]
    public void DeriveSubkey_MatchesLibsodiumCryptoKdf()
    {
        // Sodium.Core does not bind crypto_kdf, but ships the native library: compare against it directly.
        var master = SodiumCore.GetRandomBytes(32);
        foreach (var subkeyId in new ulong[] { 0, 1, 6, 0xFFFF_FFFF_FFFF })
        {
            var native = new byte[32];
            Assert.Equal(0, crypto_kdf_derive_from_key(native, (nuint)native.Length, subkeyId, "rsnblsrv"u8.ToArray(), master));

            Assert.Equal(native, Kdf.DeriveSubkey(master, subkeyId, "rsnblsrv"));
        }
    }

    [Fact]
    public void DeriveSubkey_Differs_ByIdAndContext()
    {
        var master = SodiumCore.GetRandomBytes(32);

        Assert.NotEqual(Kdf.DeriveSubkey(master, 1, "contextA"), Kdf.DeriveSubkey(master, 2, "contextA"));
        Assert.NotEqual(Kdf.DeriveSubkey(master, 1, "contextA"), Kdf.DeriveSubkey(master, 1, "contextB"));
    }

    [Fact]
    public void DeriveSubkey_Rejects_AContextThatIsNotEightCharacters()
    {
        Assert.Throws<ArgumentException>(() => Kdf.DeriveSubkey(new byte[32], 1, "short"));
    }

    [LibraryImport("libsodium")]
    private static partial int crypto_kdf_derive_from_key(byte[] subkey, nuint subkeyLength, ulong subkeyId, byte[] context, byte[] key);
}
