using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.OAuth;
using Reasonable.Sandbox.Mastodon.Rendering;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>What a client asks before signing in: RFC 8414 OAuth metadata (4.3+; 404 before) and the instance's description.</summary>
public static class DiscoveryEndpoints
{
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] ResponseModes = ["query", "fragment", "form_post"];
    private static readonly string[] ChallengeMethods = ["S256"];
    private static readonly string[] GrantTypes = ["authorization_code", "client_credentials"];
    private static readonly string[] ClientAuthMethods = ["client_secret_basic", "client_secret_post"];
    private static readonly string[] MimeTypes = ["image/png", "image/jpeg"];
    private static readonly string[] Languages = ["en"];

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/oauth-authorization-server", OAuthMetadata).WithName("getOauthServerMetadata");
        app.MapGet("/api/v2/instance", InstanceDescription).WithName("getInstance");
        return app;
    }

    private static IResult OAuthMetadata(Instance instance) => instance.Modes.PreFourThree
        ? MastodonErrors.RouteNotFound()
        : Results.Json(new
        {
            issuer = instance.Url("/"),
            service_documentation = "https://docs.joinmastodon.org/",
            authorization_endpoint = instance.Url("/oauth/authorize"),
            token_endpoint = instance.Url("/oauth/token"),
            app_registration_endpoint = instance.Url("/api/v1/apps"),
            revocation_endpoint = instance.Url("/oauth/revoke"),
            userinfo_endpoint = instance.Url("/oauth/userinfo"),
            scopes_supported = OAuthScopes.Known,
            response_types_supported = ResponseTypes,
            response_modes_supported = ResponseModes,
            code_challenge_methods_supported = ChallengeMethods,
            grant_types_supported = GrantTypes,
            token_endpoint_auth_methods_supported = ClientAuthMethods,
        });

    /// <summary>The members Mastodon's Instance entity requires; api_versions exists only from 4.3.</summary>
    private static IResult InstanceDescription(Instance instance, AccountView view)
    {
        var admin = view.Render(SeedAccounts.Named(instance.Index)[0], instance);
        var description = new Dictionary<string, object?>
        {
            ["domain"] = instance.Domain,
            ["title"] = $"{instance.Domain} (sandbox)",
            ["version"] = instance.Modes.Version,
            ["source_url"] = "https://github.com/mastodon/mastodon",
            ["description"] = "An emulated Mastodon server for tests and demos.",
            ["usage"] = new { users = new { active_month = SeedAccounts.Named(instance.Index).Count } },
            ["thumbnail"] = new { url = instance.Url($"/headers/{admin.Id}.svg") },
            ["icon"] = Array.Empty<object>(),
            ["languages"] = Languages,
            ["configuration"] = new
            {
                urls = new { streaming = instance.Url(string.Empty).Replace("http:", "ws:", StringComparison.Ordinal) },
                accounts = new { max_featured_tags = 10, max_pinned_statuses = 5 },
                statuses = new { max_characters = 500, max_media_attachments = 4, characters_reserved_per_url = 23 },
                media_attachments = new { supported_mime_types = MimeTypes, image_size_limit = 16_777_216, image_matrix_limit = 33_177_600, video_size_limit = 103_809_024, video_frame_rate_limit = 120, video_matrix_limit = 8_294_400 },
                polls = new { max_options = 4, max_characters_per_option = 50, min_expiration = 300, max_expiration = 2_629_746 },
                translation = new { enabled = false },
            },
            ["registrations"] = new { enabled = false, approval_required = false, message = (string?)null },
            ["contact"] = new { email = $"admin@{instance.Domain}", account = admin },
            ["rules"] = Array.Empty<object>(),
        };
        if (!instance.Modes.PreFourThree)
        {
            description["api_versions"] = new { mastodon = 2 };
        }

        return Results.Json(description);
    }
}
