using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Reasonable.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// Problems as the API writes them (RFC 9457): a <c>type</c> from the catalogue in Http/ProblemTypes, and the extension
/// members some types carry, as schemas of their own: ValidationProblem (<c>errors</c>), AccountsNotFoundProblem
/// (<c>notFound</c>), VersionConflictProblem (<c>current</c>, the reason as saved now, and <c>currentVersion</c>) and
/// UnavailableProblem (<c>retryAt</c> or <c>retryAfter</c>). Every problem response refers to the one it returns,
/// in place of the framework's catch-all ProblemDetails.
/// </summary>
public sealed class OpenApiProblemTypes : IDocumentFilter
{
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string AccountsNotFoundProblem = "AccountsNotFoundProblem";
    public const string VersionConflictProblem = "VersionConflictProblem";
    public const string UnavailableProblem = "UnavailableProblem";

    /// <summary>The one operation whose 400 can also name accounts that are not the caller's.</summary>
    private const string BulkOperation = "BulkUpdateAccounts";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var document = swaggerDoc;
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schemas[Problem] = Schema(document, "not-found");
        schemas[ValidationProblem] = Schema(document, "invalid-request", ("errors", Errors(), false));
        schemas[AccountsNotFoundProblem] = Schema(document, "accounts-not-found", ("notFound", Ids(), true));
        schemas[VersionConflictProblem] = Schema(
            document, "edit-conflict",
            ("currentVersion", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" }, true),
            ("current", new OpenApiSchemaReference("ReasonResponse", document), true));
        schemas[UnavailableProblem] = Schema(
            document, "provider-rate-limited",
            ("retryAt", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the provider's limit resets, when it said." }, false),
            ("retryAfter", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Seconds to wait (the database is not answering)." }, false));
        schemas.Remove("ProblemDetails");
        schemas.Remove("HttpValidationProblemDetails");

        foreach (var (_, path) in document.Paths)
        {
            foreach (var (method, operation) in path.Operations ?? [])
            {
                AddCommonProblems(method, operation);
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is OpenApiResponse { Content: { } content } && content.TryGetValue("application/problem+json", out var media) && media is OpenApiMediaType problem)
                    {
                        problem.Schema = For(document, status, operation.OperationId);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The problems every route of a kind can answer before its handler runs: a body too large (413) or of the wrong
    /// type (415) wherever a body is read, and a cookie request from another site (403) on every unsafe method.
    /// </summary>
    private static void AddCommonProblems(HttpMethod method, OpenApiOperation operation)
    {
        operation.Responses ??= [];
        if (operation.RequestBody is not null)
        {
            AddProblem(operation.Responses, "413", "Content Too Large");
            AddProblem(operation.Responses, "415", "Unsupported Media Type");
        }

        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            AddProblem(operation.Responses, "403", "Forbidden");
        }
    }

    private static void AddProblem(OpenApiResponses responses, string status, string description)
    {
        if (!responses.ContainsKey(status))
        {
            responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType() },
            };
        }
    }

    private static IOpenApiSchema For(OpenApiDocument document, string status, string? operationId) => status switch
    {
        "400" when operationId == BulkOperation => new OpenApiSchema
        {
            OneOf = [new OpenApiSchemaReference(ValidationProblem, document), new OpenApiSchemaReference(AccountsNotFoundProblem, document)],
        },
        "400" => new OpenApiSchemaReference(ValidationProblem, document),
        "412" => new OpenApiSchemaReference(VersionConflictProblem, document),
        "503" => new OpenApiSchemaReference(UnavailableProblem, document),
        _ => new OpenApiSchemaReference(Problem, document),
    };

    private static OpenApiSchema Schema(OpenApiDocument document, string exampleType, params (string Name, IOpenApiSchema Schema, bool Required)[] extensions)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong, as a relative URI: GET it for a page that explains it (see docs/problems.md).",
                Enum = OpenApiClosedSets.Values(ProblemTypes.All.Select(type => type.Uri)),
            },
            ["title"] = text,
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What happened here, and what to do." },
            ["instance"] = text,
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Names this request in the server's log." },
        };
        var required = new SortedSet<string>(["type", "title", "status", "detail"], StringComparer.Ordinal);
        foreach (var (name, schema, isRequired) in extensions)
        {
            properties[name] = schema;
            if (isRequired)
            {
                required.Add(name);
            }
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = properties,
            Required = required,
            AdditionalPropertiesAllowed = false,
            Examples = [Example(ProblemTypes.Find(exampleType)!)],
        };
    }

    private static JsonObject Example(ProblemType type)
    {
        var example = new JsonObject
        {
            ["type"] = type.Uri,
            ["title"] = type.Title,
            ["status"] = type.Statuses[0],
            ["detail"] = type.Explanation,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        };
        switch (type.Name)
        {
            case "invalid-request":
                example["errors"] = new JsonObject { ["text"] = new JsonArray("Write the reason in text: it cannot be empty.") };
                break;
            case "accounts-not-found":
                example["notFound"] = new JsonArray("0b7e4c52-7d0f-4a53-9a1e-5c2f8d6b3e41");
                break;
            case "edit-conflict":
                example["currentVersion"] = 3;
                example["current"] = new JsonObject
                {
                    ["id"] = "5d2f9a80-31c4-4e7b-8f60-a9b2c7d1e3f4",
                    ["accountId"] = "0b7e4c52-7d0f-4a53-9a1e-5c2f8d6b3e41",
                    ["action"] = "block",
                    ["text"] = "Replied to every post for a week with the same scam link.",
                    ["tags"] = new JsonArray("spam"),
                    ["version"] = 3,
                    ["occurredAt"] = "2026-03-14T09:26:53+00:00",
                    ["createdAt"] = "2026-03-14T09:31:00+00:00",
                    ["updatedAt"] = "2026-03-14T12:31:00+00:00",
                };
                break;
            case "provider-rate-limited":
                example["retryAt"] = new DateTimeOffset(2026, 3, 14, 9, 45, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
                break;
            default:
                break;
        }

        return example;
    }

    private static OpenApiSchema Errors() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Each member that is wrong (a body member's name, a query parameter, or a header such as If-Match), with what is wrong with it.",
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
    };

    private static OpenApiSchema Ids() => new()
    {
        Type = JsonSchemaType.Array,
        Description = "The ids that are not among your accounts.",
        Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
    };
}
