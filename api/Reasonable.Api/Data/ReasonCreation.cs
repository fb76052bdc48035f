namespace Reasonable.Api.Data;

/// <summary>What <see cref="ReasonRepository.CreateUnlessAsync"/> did.</summary>
public enum ReasonCreation
{
    /// <summary>The reason is stored.</summary>
    Created,

    /// <summary>The account already had it; nothing was written.</summary>
    AlreadyThere,

    /// <summary>The user has no such account (any more); nothing was written.</summary>
    AccountGone,
}
