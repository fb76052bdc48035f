namespace Reasonable.Api.Providers;

/// <summary>
/// An account on the provider: the signed-in user, or one they block, mute or follow. <see cref="Handle"/> is how the
/// provider addresses it (<c>name</c> on X, <c>name@instance</c> on Mastodon); <see cref="MovedTo"/> is the handle of
/// the account it moved to, if it did; <see cref="RelationEndsAt"/> is set in relation pages when the provider itself
/// will end the relation then (a mute with a duration).
/// </summary>
public sealed record ProviderProfile(
    string Id,
    string Handle,
    string? DisplayName,
    Uri? AvatarUrl,
    Uri? ProfileUrl = null,
    string? MovedTo = null,
    DateTimeOffset? RelationEndsAt = null);
