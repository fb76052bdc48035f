using Reasonable.Api.Providers;
using Reasonable.Api.Providers.Mastodon;
using Reasonable.Api.Providers.X;

namespace Reasonable.Api.Hosting;

/// <summary>
/// Registers each provider whose credentials are configured; the others' sign-in routes answer 404. Mastodon needs
/// none (the app registers itself on each instance), so it is always there.
/// </summary>
public static class ProviderHosting
{
    public static WebApplicationBuilder AddProviders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var warnings = new List<string>();
        if (Setting.Text(configuration, XOptions.ConsumerKeyVariable) is null || Setting.Text(configuration, XOptions.ConsumerSecretVariable) is null)
        {
            warnings.Add("Sign in with X is off: X_CONSUMER_KEY and X_CONSUMER_SECRET are not set (npm start uses the sandbox X server then).");
        }
        else
        {
            builder.Services.AddXProvider(XOptions.FromConfiguration(configuration));
        }

        builder.Services.AddMastodonProvider(MastodonOptions.FromConfiguration(configuration, builder.Environment.IsProduction()));

        // The files each network hands its users, recognised whether or not its sign-in is on here, so another
        // network's file is refused by name.
        builder.Services.AddSingleton<IRelationFileFormat, XArchiveFormat>();
        foreach (var relation in RelationNames.All)
        {
            builder.Services.AddSingleton<IRelationFileFormat>(new MastodonCsvFormat(relation));
        }

        builder.Services.AddSingleton(new ProviderSetup(warnings));
        return builder;
    }
}
