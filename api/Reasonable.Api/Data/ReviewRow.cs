namespace Reasonable.Api.Data;

/// <summary>A review date due: on an account (<see cref="ReasonId"/> null) or on one of its reasons.</summary>
public sealed record ReviewRow
{
    public required Guid AccountId { get; init; }

    public Guid? ReasonId { get; init; }

    public required DateTime ReviewOn { get; init; }
}
