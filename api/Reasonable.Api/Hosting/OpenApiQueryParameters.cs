using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Reasonable.Api.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The query parameters' real types. The handlers read them as strings so that a bad value gets a problem naming the
/// parameter (rather than the framework's bare 400), which left the document saying "string" for everything; this
/// says what each one takes, with its bounds, default and meaning.
/// </summary>
public sealed class OpenApiQueryParameters : IOperationFilter
{
    private static readonly Dictionary<string, Func<OpenApiParameter>> Parameters = new(StringComparer.Ordinal)
    {
        ["relation"] = () => Parameter(
            Words(OpenApiClosedSets.Relations),
            "Only accounts with this relation now (blocked, muted or following)."),
        ["tag"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
            "Only accounts with a reason carrying this tag (compared as you use tags: ignoring case)."),
        ["hasReasons"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.Boolean },
            "true: only accounts with at least one reason; false: only accounts without one."),
        ["q"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = AccountEndpoints.MaxSearchLength },
            "Search: words (all must match), \"a phrase\", @handle or handle@server, over handles, names, reasons and tags."),
        ["providerAccountId"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = AccountEndpoints.MaxProviderAccountIdLength },
            "Only the account with this id on your provider."),
        ["sort"] = () => Parameter(
            Words(["recent", "oldest", "handle", "unreasoned"], "recent"),
            "recent (newest activity first), oldest, handle (A to Z) or unreasoned (accounts without a reason first)."),
        ["limit"] = () => Parameter(
            new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                Maximum = AccountEndpoints.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Default = JsonValue.Create(AccountEndpoints.DefaultPageSize),
            },
            "How many items a page holds at most."),
        ["cursor"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
            "Where the page starts: the nextCursor of the page before (leave it out for the first page). A page whose nextCursor is null is the last."),
        ["until"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            "Your today as YYYY-MM-DD (within a day of the server's); what is due until then. Leave it out for the server's today."),
        ["format"] = () => Parameter(
            Words(["json", "csv", .. OpenApiClosedSets.Relations], "json"),
            "json (everything, the schema below), csv (one row per account), or blocked, muted or following (a CSV of that relation in the provider's own import format)."),
        ["preview"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = JsonValue.Create(false) },
            "true: answer what the import would add, match and skip, without writing anything."),
        ["instance"] = () => Parameter(
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
            "For providers with instances (GET /api/providers: needsInstance): a server name such as fedi.example, or a handle such as @me@fedi.example."),
    };

    /// <summary>The query parameters this filter types, so a test can check that no other one is left a bare string.</summary>
    public static IReadOnlyCollection<string> Names => Parameters.Keys;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Parameters is not { } parameters)
        {
            return;
        }

        for (var index = 0; index < parameters.Count; index++)
        {
            if (parameters[index] is OpenApiParameter { In: ParameterLocation.Query } query && Parameters.TryGetValue(query.Name!, out var typed))
            {
                var replacement = typed();
                replacement.Name = query.Name;
                parameters[index] = replacement;
            }
        }
    }

    private static OpenApiSchema Words(IEnumerable<string> words, string? usual = null) => new()
    {
        Type = JsonSchemaType.String,
        Enum = OpenApiClosedSets.Values(words),
        Default = usual is null ? null : JsonValue.Create(usual),
    };

    private static OpenApiParameter Parameter(OpenApiSchema schema, string description) => new()
    {
        In = ParameterLocation.Query,
        Required = false,
        Schema = schema,
        Description = description,
    };
}
