namespace Reasonable.Api.Providers;

/// <summary>An account on the provider: the signed-in user, or one they block, mute or follow.</summary>
public sealed record ProviderProfile(string Id, string Handle, string? DisplayName, Uri? AvatarUrl);
