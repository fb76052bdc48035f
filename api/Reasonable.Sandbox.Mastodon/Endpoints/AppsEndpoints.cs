using Reasonable.Sandbox.Mastodon.Auth;
using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.OAuth;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>App registration (no authentication; 5 per IP per 10 minutes) and the token's own app.</summary>
public static class AppsEndpoints
{
    /// <summary>A fixed stand-in for the instance's Web Push key; deprecated, but still sent.</summary>
    public const string VapidKey = "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=";

    public static IEndpointRouteBuilder MapAppsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/apps", CreateApp).WithName("createApp");
        app.MapGet("/api/v1/apps/verify_credentials", VerifyApp).WithName("verifyAppCredentials").WithAccess(ApiAccess.AnyToken());
        return app;
    }

    private static async Task<IResult> CreateApp(HttpRequest request, Instance instance)
    {
        var (parameters, error) = await RequestParameters.ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        var registration = AppRegistration.Read(parameters!, instance.Modes.PreFourThree);
        if (registration.Errors.Count > 0)
        {
            return MastodonErrors.ValidationFailed(registration.Errors);
        }

        var app = instance.OAuth.Register(registration.Name, registration.Website, registration.RedirectUris, registration.Scopes);
        var credentialApplication = Describe(app);
        credentialApplication["client_id"] = app.ClientId;
        credentialApplication["client_secret"] = app.ClientSecret;
        credentialApplication["client_secret_expires_at"] = 0;
        return Results.Json(credentialApplication);
    }

    private static IResult VerifyApp(Caller caller, Instance instance) =>
        Results.Json(Describe(instance.OAuth.FindApp(caller.Token!.ClientId)!));

    /// <summary>Mastodon's Application entity; CredentialApplication adds the client credentials.</summary>
    private static Dictionary<string, object?> Describe(OAuthApp app) => new()
    {
        ["id"] = app.Id,
        ["name"] = app.Name,
        ["website"] = app.Website,
        ["scopes"] = app.Scopes,
        ["redirect_uri"] = string.Join('\n', app.RedirectUris),
        ["redirect_uris"] = app.RedirectUris,
        ["vapid_key"] = VapidKey,
    };
}
