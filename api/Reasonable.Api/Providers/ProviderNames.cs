namespace Reasonable.Api.Providers;

/// <summary>How a provider's name reads in a sentence.</summary>
public static class ProviderNames
{
    public static string Display(string provider) => provider switch
    {
        "x" => "X",
        "mastodon" => "Mastodon",
        _ => provider,
    };
}
