using Reasonable.Sandbox.Mastodon.Control;
using Reasonable.Sandbox.Mastodon.Endpoints;

namespace Reasonable.Sandbox.Mastodon;

/// <summary>Entry point. A named class (not top-level statements) so tests can find the assembly and it never clashes with another Program.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMastodonSandbox();
        var app = builder.Build();
        app.UseMastodonSandbox();
        app.MapAppsEndpoints();
        app.MapOAuthEndpoints();
        app.MapDiscoveryEndpoints();
        app.MapAccountsEndpoints();
        app.MapRelationsEndpoints();
        app.MapActionsEndpoints();
        app.MapListsEndpoints();
        app.MapMediaEndpoints();
        app.MapControlEndpoints();
        app.Run();
    }
}
