using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// Marks what the server always sends as required. The API's JSON writes every member, null ones included (no
/// <c>JsonIgnore</c>, no <c>WhenWritingNull</c>), so every member of a response is required; whether it may be null
/// comes from its C# nullability (<c>SupportNonNullableReferenceTypes</c>). A request's required members are the ones the
/// server refuses the request without: they carry <c>[Required]</c>, which Swashbuckle reads.
/// </summary>
public sealed class OpenApiRequiredProperties : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || !IsResponse(context.Type))
        {
            return;
        }

        concrete.Required = new SortedSet<string>(concrete.Properties.Keys, StringComparer.Ordinal);
    }

    /// <summary>Our own types that the server writes: everything but request bodies and forms.</summary>
    private static bool IsResponse(Type type) =>
        type.Assembly == typeof(OpenApiRequiredProperties).Assembly
        && !type.Name.EndsWith("Request", StringComparison.Ordinal)
        && !type.Name.EndsWith("Form", StringComparison.Ordinal);
}
