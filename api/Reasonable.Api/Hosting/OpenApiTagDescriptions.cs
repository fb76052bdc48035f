using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>A sentence for every tag, so Swagger UI and generated clients say what each group of routes is for.</summary>
public sealed class OpenApiTagDescriptions : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "The accounts you acted on (synced from the provider or added by hand), each with its relations and reasons; listing, search, counts, bulk changes and the search index.",
        ["Actions"] = "Block, mute or follow an account on the provider (or undo it) and store the reason with it, in one request.",
        ["Export"] = "Everything you stored, decrypted, as a JSON or CSV download, or as the provider's own import files.",
        ["Imports"] = "Bring in Reasonable's own export or the provider's files of the accounts you block, mute or follow, and the provider's private notes.",
        ["Keys"] = "Your personal key in the key list on the provider: rotating it.",
        ["Me"] = "The signed-in user: key list status, recovery code, restoring the key list, deleting the account.",
        ["Personal access tokens"] = "Long-lived bearer tokens for scripts, each with its own expiry; shown once and revocable.",
        ["Reasons"] = "Dated, tagged notes on one account. Each has a version (its ETag): edits and deletes name it in If-Match.",
        ["Review"] = "Dates to look at an account or reason again, and timed mutes about to end: what is due, oldest first.",
        ["Sessions"] = "Your browser sessions, and ending one.",
        ["Sign-in"] = "Signing in with a provider, trading the one-time code for a token or a session cookie, and signing out. The routes that start a session need no token.",
        ["Sync"] = "Reading the accounts you block, mute and follow from the provider, in the background, and its progress.",
        ["Tags"] = "Your tags with how often they are used, and renaming or merging one everywhere.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var tag in swaggerDoc.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description = Descriptions.GetValueOrDefault(tag.Name ?? string.Empty);
        }
    }
}
