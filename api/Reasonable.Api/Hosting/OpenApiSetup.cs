using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>The OpenAPI document's description, its bearer-token security scheme and the filters that complete it.</summary>
public static class OpenApiSetup
{
    public static void Configure(SwaggerGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Reasonable API",
            Version = "v1",
            Description = "Private, end-user-encrypted notes on why you blocked, muted or followed an account. "
                + "Authenticate with `Authorization: Bearer <token>`: a session token from signing in, or a personal access token.",
        });
        options.SupportNonNullableReferenceTypes();
        options.UseAllOfToExtendReferenceSchemas();
        options.SchemaFilter<OpenApiRequiredProperties>();
        options.SchemaFilter<OpenApiExamples>();
        options.SchemaFilter<OpenApiClosedSets>();
        options.OperationFilter<OpenApiQueryParameters>();
        options.OperationFilter<OpenApiHeaders>();
        options.OperationFilter<OpenApiBrowserPages>();
        options.DocumentFilter<OpenApiProblemTypes>();
        options.DocumentFilter<OpenApiNullableReferences>();
        options.DocumentFilter<OpenApiDocumentInfo>();
        options.DocumentFilter<OpenApiTagDescriptions>();
        options.OperationFilter<OpenApiOperationDescriptions>();
        options.OperationFilter<OpenApiAnonymousOperations>();
        options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A session token (POST /api/auth/session) or a personal access token (POST /api/tokens).",
        });
        options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
    }
}
