using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A sign-in waiting for the provider's callback; the challenge secret only sealed.</summary>
public sealed record SignInRequestRow
{
    public required Guid Id { get; init; }

    public required string Provider { get; init; }

    public required byte[] StateHash { get; init; }

    public required byte[] BrowserHash { get; init; }

    public required Ciphertext SecretCiphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
