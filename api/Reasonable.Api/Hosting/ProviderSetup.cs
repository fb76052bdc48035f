namespace Reasonable.Api.Hosting;

/// <summary>Which providers are configured; warnings to log once logging is up.</summary>
public sealed record ProviderSetup(IReadOnlyList<string> Warnings);
