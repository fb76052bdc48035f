using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;

namespace Reasonable.Api.Endpoints;

/// <summary>GET /api/providers: which networks this server signs people in with, what each needs and what it can do.</summary>
public static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/providers", List).WithName("ListProviders").WithTags("Sign-in").AllowAnonymous()
            .RequireRateLimit(LimitedAction.SignIn)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The providers you can sign in with here: whether sign-in needs a server name (instance), where it starts, and which actions Reasonable can perform there.");
        return app;
    }

    private static Ok<IReadOnlyList<ProviderResponse>> List(ProviderDirectory providers, IEnumerable<IRelationFileFormat> formats) =>
        TypedResults.Ok<IReadOnlyList<ProviderResponse>>([.. providers.All.Select(provider => ProviderResponse.From(provider, [.. formats]))]);
}

/// <summary>
/// A provider you can sign in with. Start at <c>signInUrl</c> in a browser, adding <c>?instance=</c> (your server's
/// name) when <c>needsInstance</c>. <c>actions</c> lists what Reasonable can do there for you; <c>actionsNote</c> says
/// why others are missing. <c>importsNotes</c>: the network keeps private notes of its own, which
/// <c>POST /api/imports/provider-notes</c> can bring in. <c>importFiles</c> names the network's own files of blocked,
/// muted and followed accounts that <c>POST /api/imports</c> takes (beside Reasonable's own JSON export).
/// </summary>
public sealed record ProviderResponse(
    string Name,
    string DisplayName,
    bool NeedsInstance,
    string SignInUrl,
    IReadOnlyList<string> Actions,
    bool MuteDurations,
    string? ActionsNote,
    string KeyList,
    bool ImportsNotes,
    IReadOnlyList<string> ImportFiles)
{
    public static ProviderResponse From(ISocialProvider provider, IReadOnlyList<IRelationFileFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(provider);
        var info = provider.Info;
        return new ProviderResponse(
            provider.Name,
            info.DisplayName,
            info.NeedsInstance,
            $"/api/auth/{provider.Name}/login",
            [.. info.Actions.Select(AccountActionNames.Name)],
            info.MuteDurations,
            info.ActionsNote,
            provider.KeySlotName,
            provider is IProviderNotes,
            [.. formats.Where(format => format.Provider == provider.Name).Select(format => format.Description)]);
    }
}
