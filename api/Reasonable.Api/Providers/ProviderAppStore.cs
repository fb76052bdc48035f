using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Providers;

/// <summary>
/// The app registration a provider keeps per instance, as text the provider writes and reads (like
/// <see cref="ProviderAccess"/>): found by a keyed hash of the instance, sealed by the server and bound to its row.
/// </summary>
public sealed class ProviderAppStore(ProviderAppRepository apps, MasterKeyRing ring, TimeProvider time)
{
    /// <summary>The stored registration, or null when there is none or it no longer opens (register again then).</summary>
    public async Task<string?> FindAsync(string provider, string instance, CancellationToken cancellationToken)
    {
        var row = await apps.FindAsync(provider, InstanceLookup.Candidates(ring, provider, instance), cancellationToken);
        if (row is null)
        {
            return null;
        }

        try
        {
            return ProviderSecret.Open(ring, Location(row.InstanceHash), row.RegistrationCiphertext);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }

    /// <summary>Stores the registration under the primary master key, replacing what was stored for the instance.</summary>
    public async Task SaveAsync(string provider, string instance, string registration, CancellationToken cancellationToken)
    {
        var hash = InstanceLookup.Hash(ring, ring.PrimaryKeyId, provider, instance);
        await apps.SaveAsync(
            new ProviderAppRow
            {
                Provider = provider,
                InstanceHash = hash,
                RegistrationCiphertext = ProviderSecret.Seal(ring, Location(hash), registration),
                CreatedAt = time.GetUtcNow(),
            },
            cancellationToken);
    }

    /// <summary>Forgets the instance's registration (the instance no longer knows the app).</summary>
    public Task ForgetAsync(string provider, string instance, CancellationToken cancellationToken) =>
        apps.DeleteAsync(provider, InstanceLookup.Candidates(ring, provider, instance), cancellationToken);

    // The row has no id of its own; its key is (provider, instance hash), and the hash covers the provider.
    private static FieldLocation Location(byte[] instanceHash) => new("provider_apps", "registration_ciphertext", new Guid(instanceHash.AsSpan(0, 16)));
}
