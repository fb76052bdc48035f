using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A sessions row: one browser sign-in or one personal access token. Its keys travel only in the token.</summary>
public sealed record SessionRow
{
    public const string Browser = "browser";
    public const string PersonalToken = "personal_token";

    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Kind { get; init; }

    /// <summary>A personal token's name, under the user's data key.</summary>
    public Ciphertext? NameCiphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The User-Agent that traded the sign-in code, sealed by the server (<c>ProviderSecret</c>) and bound to the row.</summary>
    public Ciphertext? UserAgentCiphertext { get; init; }

    /// <summary>The session inbox's public key, sealed by the server (<c>SessionInbox</c>); null for sessions made before 0012.</summary>
    public Ciphertext? InboxPublicKey { get; init; }

    /// <summary>The user's newest data key version when the row was read (read by <see cref="SessionRepository.FindAsync"/> only).</summary>
    public int? NewestDataKeyVersion { get; init; }

    /// <summary>The user's newest retired data key version, or null (read by <see cref="SessionRepository.FindAsync"/> only).</summary>
    public int? RetiredDataKeyVersion { get; init; }

    /// <summary>Whether the user's values are being re-encrypted (read by <see cref="SessionRepository.FindAsync"/> only).</summary>
    public bool DataKeyRotationUnfinished { get; init; }

    public bool IsLiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
