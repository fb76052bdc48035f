namespace Reasonable.Api.Providers;

/// <summary>A completed sign-in: who the user is on the provider, how they are shown, and the app's access.</summary>
public sealed record SignedInAccount(ProviderAccount Account, string Handle, string? DisplayName, ProviderAccess Access);
