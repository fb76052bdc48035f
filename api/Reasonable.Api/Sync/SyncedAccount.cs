using Reasonable.Api.Providers;

namespace Reasonable.Api.Sync;

/// <summary>
/// One account in a sealed sync page (the JSON the job seals and the fold opens). <see cref="EndsAt"/> is when the
/// provider itself ends the relation (a mute with a duration). Pages sealed before these members existed lack them.
/// </summary>
public sealed record SyncedAccount(string Id, string Handle, string? Name, string? AvatarUrl, string? ProfileUrl = null, string? MovedTo = null, DateTimeOffset? EndsAt = null)
{
    public static SyncedAccount From(ProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SyncedAccount(
            profile.Id, profile.Handle, profile.DisplayName, profile.AvatarUrl?.AbsoluteUri, profile.ProfileUrl?.AbsoluteUri, profile.MovedTo, profile.RelationEndsAt);
    }
}
