namespace Reasonable.Api.Providers;

/// <summary>The configured providers by name, as routes and stored users name them.</summary>
public sealed class ProviderDirectory(IEnumerable<ISocialProvider> providers)
{
    private readonly Dictionary<string, ISocialProvider> byName = providers.ToDictionary(provider => provider.Name, StringComparer.Ordinal);

    public ISocialProvider? Find(string? name) => name is not null && byName.TryGetValue(name, out var provider) ? provider : null;
}
