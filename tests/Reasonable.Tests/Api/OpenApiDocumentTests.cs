using System.Text.Json;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// The OpenAPI document is what clients are generated from, so every route in it is complete: a unique operation
/// name, a summary, a success response, the problems it can answer, and an example for every type it exchanges.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class OpenApiDocumentTests(SignInServers servers)
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public async Task EveryOperation_IsNamedSummarisedAndDeclaresItsSuccessAndProblems()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var names = new HashSet<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            if (!operation.TryGetProperty("operationId", out var id) || !names.Add(id.GetString()!))
            {
                failures.Add($"{where}: no operationId, or one used twice");
            }

            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                failures.Add($"{where}: no summary");
            }

            var statuses = operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToList();
            if (!statuses.Any(status => status.StartsWith('2') || status.StartsWith('3')))
            {
                failures.Add($"{where}: no success response");
            }

            if (!statuses.Any(status => status.StartsWith('4')))
            {
                failures.Add($"{where}: declares no 4xx problem");
            }

            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(response => response.Name[0] is '4' or '5'))
            {
                // The browser-facing sign-in routes answer errors as an HTML page a person reads; every other route as a problem.
                if (!path.StartsWith("/api/auth/{provider}/", StringComparison.Ordinal)
                    && (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _)))
                {
                    failures.Add($"{where}: {response.Name} is not described as application/problem+json");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EverySchema_OfOurOwn_HasAnExample()
    {
        var document = await DocumentAsync();
        var missing = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(schema => !schema.Name.Contains("ProblemDetails", StringComparison.Ordinal))
            .Where(schema => !schema.Value.TryGetProperty("example", out _) && !schema.Value.TryGetProperty("examples", out _))
            .Select(schema => schema.Name)
            .ToList();

        Assert.True(missing.Count == 0, "Schemas without an example (add one in Hosting/OpenApiExamples): " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Examples_HoldNoRealLookingToken()
    {
        var text = await servers.Api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        // A real JWT has three base64url parts; every example token is visibly cut short.
        Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", text);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var document = JsonDocument.Parse(await servers.Api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(path => path.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    yield return (path.Name, method, operation);
                }
            }
        }
    }
}
