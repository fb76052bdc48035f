using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A one-time sign-in code waiting to be exchanged for a session token.</summary>
public sealed record SignInCodeRow
{
    public required byte[] CodeHash { get; init; }

    public required Guid SessionId { get; init; }

    /// <summary>The session's wrapped keys, sealed under a key derived from the code itself.</summary>
    public required Ciphertext KeysCiphertext { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
