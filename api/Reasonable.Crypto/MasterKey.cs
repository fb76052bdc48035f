using Sodium;

namespace Reasonable.Crypto;

/// <summary>A master key and its id. It never encrypts anything itself: it only derives purpose subkeys.</summary>
public sealed class MasterKey
{
    public MasterKey(uint keyId, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Aead.KeyLength)
        {
            throw new ArgumentException($"A master key is {Aead.KeyLength} bytes.", nameof(key));
        }

        KeyId = keyId;
        Key = key;
    }

    public uint KeyId { get; }

    public byte[] Key { get; }

    public static MasterKey Generate() => new(RandomKeyId(), SodiumCore.GetRandomBytes(Aead.KeyLength));

    /// <summary>A random non-zero id; zero is kept for the published development master key.</summary>
    private static uint RandomKeyId()
    {
        uint id;
        do
        {
            id = BitConverter.ToUInt32(SodiumCore.GetRandomBytes(4));
        }
        while (id == 0);
        return id;
    }
}
