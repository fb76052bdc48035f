using System.Text.Json;
using Reasonable.Api.Hosting;
using Reasonable.Api.Http;
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

    [Fact]
    public async Task EveryResponseMember_IsRequired_AsTheServerAlwaysWritesIt()
    {
        var failures = new List<string>();
        foreach (var schema in Schemas(await DocumentAsync()).Where(schema => !schema.Name.EndsWith("Request", StringComparison.Ordinal) && !schema.Name.EndsWith("Form", StringComparison.Ordinal)))
        {
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            var required = schema.Value.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
            var problem = schema.Name.EndsWith("Problem", StringComparison.Ordinal);
            failures.AddRange(properties.EnumerateObject()
                .Where(property => !required.Contains(property.Name) && !problem)
                .Select(property => $"{schema.Name}.{property.Name} is not required"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("RelationsResponse", "blocked")]
    [InlineData("RelationsResponse", "muted")]
    [InlineData("RelationsResponse", "following")]
    [InlineData("AccountResponse", "latestReason")]
    [InlineData("SyncStatusResponse", "latestRun")]
    [InlineData("AccountResponse", "displayName")]
    public async Task MembersSentAsNull_AreNullable(string schema, string member)
    {
        var property = Schemas(await DocumentAsync()).Single(s => s.Name == schema).Value.GetProperty("properties").GetProperty(member);

        Assert.True(property.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean(), $"{schema}.{member} is sent as null but not declared nullable");
    }

    [Fact]
    public async Task EveryClosedSet_IsAnEnum_OfTheServersOwnWords()
    {
        var schemas = Schemas(await DocumentAsync()).ToDictionary(schema => schema.Name, schema => schema.Value);
        var failures = new List<string>();
        foreach (var (type, member) in OpenApiClosedSets.Members)
        {
            var property = schemas[type.Name].GetProperty("properties").GetProperty(member);
            var target = property.TryGetProperty("items", out var items) ? items : property;
            if (!target.TryGetProperty("enum", out var values) || values.GetArrayLength() == 0)
            {
                failures.Add($"{type.Name}.{member} has no enum");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(["handle", "name", "reason", "tag"], schemas["SearchField"].GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task EveryQueryParameter_IsTypedAndDescribed()
    {
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var query = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(parameter => parameter.GetProperty("in").GetString() == "query")
                : [];
            foreach (var parameter in query)
            {
                var name = parameter.GetProperty("name").GetString()!;
                if (!OpenApiQueryParameters.Names.Contains(name) || !parameter.TryGetProperty("description", out _))
                {
                    failures.Add($"{method.ToUpperInvariant()} {path}: query parameter {name} has no type or description of its own (Hosting/OpenApiQueryParameters)");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task PagedLists_DescribeLimitAndCursor_WithBounds()
    {
        var document = await DocumentAsync();
        var limit = document.GetProperty("paths").GetProperty("/api/accounts").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(parameter => parameter.GetProperty("name").GetString() == "limit").GetProperty("schema");

        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal(1, limit.GetProperty("minimum").GetInt32());
        Assert.Equal(200, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(50, limit.GetProperty("default").GetInt32());
    }

    [Fact]
    public async Task Reasons_DeclareTheirETag_AndTheIfMatchTheyRead()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        foreach (var (path, method, status) in new[] { ("/api/reasons", "post", "201"), ("/api/reasons/{id}", "get", "200"), ("/api/reasons/{id}", "put", "200") })
        {
            Assert.True(paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status).GetProperty("headers").TryGetProperty("ETag", out _), $"{method} {path} does not declare its ETag");
        }

        foreach (var method in new[] { "put", "delete" })
        {
            var parameters = paths.GetProperty("/api/reasons/{id}").GetProperty(method).GetProperty("parameters").EnumerateArray();
            Assert.Contains(parameters, parameter => parameter.GetProperty("name").GetString() == "If-Match" && parameter.GetProperty("in").GetString() == "header");
        }
    }

    [Fact]
    public async Task Export_DeclaresBothItsBodies()
    {
        var content = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/export").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");

        Assert.Equal("#/components/schemas/ExportDocument", content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(content.TryGetProperty("text/csv", out _));
    }

    [Fact]
    public async Task EveryProblem_RefersToAProblemSchema_WhoseTypeIsTheCatalogue()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    && !media.GetProperty("schema").ToString().Contains("Problem\"", StringComparison.Ordinal))
                {
                    failures.Add($"{method.ToUpperInvariant()} {path} {response.Name}: {media.GetProperty("schema")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var types = Schemas(document).Single(schema => schema.Name == "Problem").Value.GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(value => value.GetString());
        Assert.Equal(ProblemTypes.All.Select(type => type.Uri), types);
    }

    private static JsonElement.ObjectEnumerator Schemas(JsonElement document) =>
        document.GetProperty("components").GetProperty("schemas").EnumerateObject();

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
