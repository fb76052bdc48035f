using System.Reflection;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The build-time OpenAPI document: <c>dotnet swagger tofile</c> (Swashbuckle's CLI, from the tool manifest) runs
/// Program.cs with a server that never listens and reads the document from it. Then the API composes itself without a
/// database or secrets: nothing connects, nothing is decrypted, and the environment cannot change the document.
/// </summary>
public static class OpenApiBuild
{
    /// <summary>True inside <c>dotnet swagger</c>, whose entry assembly is the CLI's own.</summary>
    public static bool IsRunning { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "dotnet-swagger";

    /// <summary>
    /// Settings that override the environment while the document is built: a database address nothing dials, no sync
    /// worker, no provider credentials and no optional routes.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["DATABASE_URL"] = "postgres://openapi@localhost:5432/openapi-document-only",
        ["SYNC_WORKER"] = "off",
        ["X_CONSUMER_KEY"] = string.Empty,
        ["X_CONSUMER_SECRET"] = string.Empty,
        ["MASTODON_INSTANCES"] = string.Empty,
        ["PUBLIC_URL"] = string.Empty,
        ["WEB_APP_URL"] = string.Empty,
        ["PORT"] = string.Empty,
        [Endpoints.BenchmarkEndpoints.Variable] = string.Empty,
    };
}
