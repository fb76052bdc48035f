using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// What a client author reads first: where the API is (the same origin that serves the document, since every
/// deployment has its own address), and whom to ask.
/// </summary>
public sealed class OpenApiDocumentInfo : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        swaggerDoc.Servers =
        [
            new OpenApiServer
            {
                Url = "/",
                Description = "The server that serves this document. Generated clients take the address of a deployment, such as http://localhost:5180 for `npm start`.",
            },
        ];
        swaggerDoc.Info ??= new OpenApiInfo();
        // Whoever runs a deployment answers for it; the repository names no licence yet, so the document claims none.
        swaggerDoc.Info.Contact = new OpenApiContact { Name = "The operator of the Reasonable server you use" };
    }
}
