namespace Reasonable.Api.Providers;

/// <summary>A list the user owns, as the provider shows it to them.</summary>
public sealed record ProviderList(string Id, string Name, string? Description, bool IsPrivate);
