namespace Reasonable.Api.Providers;

/// <summary>The configured providers by name, as routes and stored users name them.</summary>
public sealed class ProviderDirectory(IEnumerable<ISocialProvider> providers)
{
    private readonly Dictionary<string, ISocialProvider> byName = providers.ToDictionary(provider => provider.Name, StringComparer.Ordinal);

    /// <summary>Every configured provider, in a stable order (by name).</summary>
    public IEnumerable<ISocialProvider> All => byName.Values.OrderBy(provider => provider.Name, StringComparer.Ordinal);

    public ISocialProvider? Find(string? name) => name is not null && byName.TryGetValue(name, out var provider) ? provider : null;
}
