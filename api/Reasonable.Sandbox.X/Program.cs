using Reasonable.Sandbox.X.Endpoints;

namespace Reasonable.Sandbox.X;

/// <summary>Entry point. A named class (not top-level statements) so it never clashes with the API's global Program.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSandbox();
        var app = builder.Build();
        app.UseSandbox();
        app.MapOAuthEndpoints();
        app.MapUsersEndpoints();
        app.MapListsEndpoints();
        app.MapControlEndpoints();
        app.Run();
    }
}
