namespace Reasonable.Api.Providers;

/// <summary>The outcome of a completed sign-in: who the user is on the provider and the app's credentials for them.</summary>
public sealed record ProviderGrant(string ProviderUserId, string Handle, ProviderCredentials Credentials);
