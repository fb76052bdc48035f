using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// A property that references another schema is written as <c>{"allOf": [{"$ref": …}]}</c>, with <c>"nullable": true</c>
/// when it may be null. OpenAPI 3.0.3 gives <c>nullable</c> meaning only beside a <c>type</c>, so a nullable one gets
/// <c>"type": "object"</c> (every reference here is to an object); one that is never null becomes the plain reference.
/// Either way the example the wrapper repeats from the referenced schema goes: validators read a repeated example's
/// <c>id</c> as a second schema id.
/// </summary>
public sealed class OpenApiNullableReferences : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var schema in swaggerDoc.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property is not OpenApiSchema { AllOf: [var reference] } wrapper)
                {
                    continue;
                }

                wrapper.Examples = null;
                if (wrapper.Type == JsonSchemaType.Null)
                {
                    wrapper.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                }
                else if (wrapper.Type is null && string.IsNullOrEmpty(wrapper.Description))
                {
                    schema.Properties![name] = reference;
                }
            }
        }
    }
}
