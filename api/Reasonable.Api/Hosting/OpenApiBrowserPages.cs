using Microsoft.OpenApi;
using Reasonable.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The routes a person's browser lands on (Http/BrowserPage: sign-in's login and callback) answer with a plain HTML
/// page for everything but their redirect and the rate limit's problem. Their <c>Produces(…, "text/html")</c> names
/// no body type, which Swashbuckle leaves without content; this declares the page on each of those answers.
/// </summary>
public sealed class OpenApiBrowserPages : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<BrowserPage>().Any())
        {
            return;
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            // The redirect has no body, and the rate limit answers every route with its problem.
            if (status is not ("302" or "429") && response is OpenApiResponse page)
            {
                page.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["text/html"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A page saying what happened, with a link to start again." } },
                };
            }
        }
    }
}
