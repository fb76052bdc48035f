namespace Reasonable.Api.Providers;

/// <summary>Blocking, muting and following an account, and undoing each, where the provider lets apps do so.</summary>
public interface IAccountActions
{
    /// <summary>Finds an account by handle (<c>name</c> or <c>name@instance</c>); null when there is none.</summary>
    Task<ProviderProfile?> LookupAsync(ProviderAccess access, string handle, CancellationToken cancellationToken);

    /// <summary>
    /// Performs <paramref name="action"/> on the account; <paramref name="muteDuration"/> only for a mute, and only
    /// where <see cref="ProviderInfo.MuteDurations"/> says so. Doing what is already done is not an error. Returns the
    /// relations the provider reports afterwards, or null when it reports none.
    /// </summary>
    Task<RelationSnapshot?> ActAsync(ProviderAccess access, string accountId, AccountAction action, TimeSpan? muteDuration, CancellationToken cancellationToken);
}
