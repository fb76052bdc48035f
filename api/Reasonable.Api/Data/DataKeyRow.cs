using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>A user_data_keys row: one data key version, wrapped by the user's key (which is never stored here).</summary>
public sealed record DataKeyRow
{
    public required Guid UserId { get; init; }

    public required int Version { get; init; }

    public required Ciphertext WrappedKeyCiphertext { get; init; }

    /// <summary>The same data key wrapped by the next user key while a rotation is under way; null otherwise.</summary>
    public Ciphertext? PendingWrappedKeyCiphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
