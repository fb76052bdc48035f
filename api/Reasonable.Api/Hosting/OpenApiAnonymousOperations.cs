using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// Marks the routes that need no token (signing in, the provider list) with an empty <c>security</c>, overriding the
/// document's bearer requirement, so generated clients send none and readers know they may call them first.
/// </summary>
public sealed class OpenApiAnonymousOperations : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
        }
    }
}
