using Microsoft.OpenApi;
using Reasonable.Api.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The headers the endpoints read and write by hand, which the framework cannot see: a reason's version as its
/// strong ETag and the If-Match a write names it in (Http/EntityVersion), Retry-After on 429 and 503, the export's
/// download name; and the export's two bodies (JSON with its schema, or CSV), which one Produces each cannot say.
/// </summary>
public sealed class OpenApiHeaders : IOperationFilter
{
    /// <summary>The operations that answer with their reason's ETag, and on which status.</summary>
    public static IReadOnlyDictionary<string, string> SendETag { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CreateReason"] = "201",
        ["GetReason"] = "200",
        ["UpdateReason"] = "200",
    };

    /// <summary>The operations that read If-Match.</summary>
    public static IReadOnlyCollection<string> ReadIfMatch { get; } = ["UpdateReason", "DeleteReason"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var name = operation.OperationId ?? string.Empty;
        var responses = operation.Responses ?? [];
        if (SendETag.TryGetValue(name, out var status) && responses.TryGetValue(status, out var versioned))
        {
            AddHeader(versioned, "ETag", "The reason's version as a strong entity tag, such as \"3\": send it back in If-Match to change or delete this version.", required: true);
        }

        if (ReadIfMatch.Contains(name))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The version you are changing: the ETag the API sent (such as \"3\"), a list of them, or * for any. "
                    + "A version that is not the current one answers 412 with the current reason.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var (code, response) in responses)
        {
            if (code is "429" or "503")
            {
                AddHeader(response, "Retry-After", "Seconds to wait before trying again, when known.", required: code == "429");
            }
        }

        if (name == "ExportData" && responses.TryGetValue("200", out var export) && export is OpenApiResponse download)
        {
            download.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ExportDocument), context.SchemaRepository) },
                ["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "UTF-8 CSV with a header row." } },
            };
            AddHeader(download, "Content-Disposition", "attachment, with the file's name (reasonable-export-YYYY-MM-DD.json or .csv, or the provider's own file name).", required: true);
        }
    }

    private static void AddHeader(IOpenApiResponse response, string header, string description, bool required)
    {
        if (response is not OpenApiResponse concrete)
        {
            return;
        }

        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        concrete.Headers[header] = new OpenApiHeader
        {
            Description = description,
            Required = required,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }
}
