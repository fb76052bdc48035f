using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>An app registration a provider made on one instance, found by the instance's keyed hash; its content only sealed.</summary>
public sealed record ProviderAppRow
{
    public required string Provider { get; init; }

    public required byte[] InstanceHash { get; init; }

    public required Ciphertext RegistrationCiphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
