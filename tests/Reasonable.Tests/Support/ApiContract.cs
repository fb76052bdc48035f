using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reasonable.Tests.Support;

/// <summary>
/// Holds the API to its committed OpenAPI document (web/openapi.json) in every test that talks to it: each answer an
/// API process gives through a client built with <see cref="Around"/> is checked for a declared status, a declared
/// content type, a body that matches the declared schema (strictly: no undeclared members) and the declared headers.
/// A mismatch throws <see cref="ApiContractException"/> from the request, which fails the test that made it with the
/// route, the status and the member at fault.
/// </summary>
public sealed class ApiContract : DelegatingHandler
{
    /// <summary>
    /// Answers the server can give on any route before (or instead of) the endpoint: an address or headers too large,
    /// a crash, the database not answering. They are not declared per operation, but their bodies are still checked.
    /// </summary>
    private static readonly Dictionary<string, string> AnyRoute = new(StringComparer.Ordinal)
    {
        ["414"] = "Problem",
        ["431"] = "Problem",
        ["500"] = "Problem",
        ["503"] = "UnavailableProblem",
    };

    private static readonly ConcurrentDictionary<int, bool> ApiPorts = new();
    private static readonly Lazy<(OpenApiShape Shape, IReadOnlyList<(Regex Pattern, string Template)> Routes)> Contract = new(Load);

    private ApiContract(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>A handler that checks answers from API processes and passes every other request through unchecked.</summary>
    public static HttpMessageHandler Around(HttpMessageHandler inner) => new ApiContract(inner);

    /// <summary>Marks the loopback port an API process listens on, so answers from it are checked.</summary>
    public static void Watch(int port) => ApiPorts[port] = true;

    /// <summary>The errors of one answer (empty when it keeps the contract, or when the document has no such route).</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(string method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (shape, routes) = Contract.Value;
        var template = routes.FirstOrDefault(route => route.Pattern.IsMatch(path)).Template;
        if (template is null
            || !shape.Document.GetProperty("paths").GetProperty(template).TryGetProperty(method.ToLowerInvariant(), out var operation))
        {
            return []; // not one of the API's routes (the web app, /healthz) or a method it does not take (405)
        }

        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var where = $"{method} {template} answered {status}";
        var errors = new List<string>();
        var body = response.Content is null ? string.Empty : await ReadAsync(response, cancellationToken);
        var mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (operation.GetProperty("responses").TryGetProperty(status, out var declared))
        {
            CheckDeclared(shape, declared, mediaType, body, response, errors);
        }
        else if (AnyRoute.TryGetValue(status, out var problem))
        {
            CheckBody(shape, shape.Document.GetProperty("components").GetProperty("schemas").GetProperty(problem), mediaType, body, errors);
        }
        else
        {
            errors.Add($"the status {status} is not declared (declared: {string.Join(", ", operation.GetProperty("responses").EnumerateObject().Select(r => r.Name))})");
        }

        return [.. errors.Select(error => $"{where}: {error}")];
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is { IsLoopback: true } uri && ApiPorts.ContainsKey(uri.Port))
        {
            var errors = await CheckAsync(request.Method.Method, uri.AbsolutePath, response, cancellationToken);
            if (errors.Count > 0)
            {
                response.Dispose();
                throw new ApiContractException("The API broke its OpenAPI document (web/openapi.json; fix the document or the server):\n" + string.Join('\n', errors));
            }
        }

        return response;
    }

    private static void CheckDeclared(OpenApiShape shape, JsonElement declared, string? mediaType, string body, HttpResponseMessage response, List<string> errors)
    {
        if (declared.TryGetProperty("content", out var content))
        {
            if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            {
                errors.Add($"the content type {mediaType ?? "(none)"} is not declared (declared: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))})");
            }
            else if (media.TryGetProperty("schema", out var schema))
            {
                CheckBody(shape, schema, mediaType, body, errors);
            }
        }
        else if (body.Length > 0)
        {
            errors.Add($"it has a {mediaType} body, but the document declares none");
        }

        var headers = declared.TryGetProperty("headers", out var h) ? h : default;
        if (headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (header.Value.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True && !HasHeader(response, header.Name))
                {
                    errors.Add($"the required header {header.Name} is missing");
                }
            }
        }

        foreach (var sent in new[] { "ETag", "Retry-After" })
        {
            if (HasHeader(response, sent) && (headers.ValueKind != JsonValueKind.Object || !headers.TryGetProperty(sent, out _)))
            {
                errors.Add($"it sends the header {sent}, which the document does not declare");
            }
        }
    }

    private static void CheckBody(OpenApiShape shape, JsonElement schema, string? mediaType, string body, List<string> errors)
    {
        if (mediaType is null || !mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return; // CSV and HTML bodies: the content type is all the document says
        }

        try
        {
            using var parsed = JsonDocument.Parse(body);
            errors.AddRange(shape.ValidateStrict(schema, parsed.RootElement));
        }
        catch (JsonException exception)
        {
            errors.Add($"the body is not JSON: {exception.Message}");
        }
    }

    private static bool HasHeader(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || (response.Content?.Headers.NonValidated.Contains(name) ?? false);

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken); // the test reads the body again
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Each path template as a pattern, literal ones first (/api/accounts/count before /api/accounts/{id}).</summary>
    private static (OpenApiShape, IReadOnlyList<(Regex, string)>) Load()
    {
        var shape = OpenApiShape.ForReasonable();
        var routes = shape.Document.GetProperty("paths").EnumerateObject()
            .Select(path => (Pattern: Pattern(path.Name, path.Value), Template: path.Name))
            .OrderBy(route => route.Template.Count(c => c == '{'))
            .ToList();
        return (shape, routes);
    }

    private static Regex Pattern(string template, JsonElement path)
    {
        var uuids = path.EnumerateObject()
            .SelectMany(operation => operation.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(parameter => parameter.GetProperty("in").GetString() == "path"
                && parameter.GetProperty("schema").TryGetProperty("format", out var format) && format.GetString() == "uuid")
            .Select(parameter => parameter.GetProperty("name").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        var pattern = Regex.Replace(Regex.Escape(template).Replace("\\{", "{", StringComparison.Ordinal), "{([^}]+)}", match =>
            uuids.Contains(match.Groups[1].Value) ? "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" : "[^/]+");
        return new Regex($"^{pattern}/?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
