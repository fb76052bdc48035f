namespace Reasonable.Api.Providers;

/// <summary>
/// The provider's own private notes on accounts, read so a user can bring them into Reasonable. Only reading: notes
/// on the provider are plaintext to its operators, so Reasonable never writes there. Not every provider has this
/// capability; callers ask with <c>provider is IProviderNotes</c>.
/// </summary>
public interface IProviderNotes
{
    /// <summary>The user's non-empty notes on those of <paramref name="accountIds"/> that have one, in no particular order.</summary>
    Task<IReadOnlyList<ProviderNote>> ReadNotesAsync(ProviderAccess access, IReadOnlyList<string> accountIds, CancellationToken cancellationToken);
}
