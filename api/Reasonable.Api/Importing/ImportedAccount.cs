using Reasonable.Api.Accounts;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Importing;

/// <summary>
/// One account as a file states it, in whichever file it came from. A relation file names the account by id or by
/// handle and one relation without a date; Reasonable's own export gives everything, with dates, and its reasons.
/// <see cref="Line"/> is where the file states it (line, row or array position, from 1).
/// </summary>
public sealed record ImportedAccount(
    int Line,
    string? AccountId,
    string? Handle,
    IReadOnlyList<ImportedRelation> Relations,
    IReadOnlyList<ImportedReason> Reasons,
    ImportedProfile? Profile = null)
{
    public static ImportedAccount From(RelationFileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ImportedAccount(entry.Line, entry.AccountId, entry.Handle, [new ImportedRelation(entry.Relation, null)], []);
    }
}

/// <summary>A relation from a file; <see cref="State"/> is null when the file gives no dates for it.</summary>
public sealed record ImportedRelation(Relation Relation, RelationState? State);

/// <summary>What Reasonable's own export says about an account beyond its id and handle, restored as it was.</summary>
public sealed record ImportedProfile(
    string? DisplayName, string? AvatarUrl, string? ProfileUrl, string? MovedTo, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

/// <summary>A reason from Reasonable's own export, checked as a new reason would be, with its own dates and version.</summary>
public sealed record ImportedReason(
    string Action, string Text, IReadOnlyList<string> Tags, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? OccurredAt = null);
