namespace Reasonable.Api.Data;

/// <summary>An action_requests row: the account and reason an Idempotency-Key's action led to, once it completed.</summary>
public sealed record ActionRequestRow
{
    public required Guid UserId { get; init; }

    public required byte[] KeyHash { get; init; }

    public Guid? AccountId { get; init; }

    public Guid? ReasonId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
