using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Importing;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// <c>POST /api/imports</c>: one route for every file Reasonable imports — its own JSON export, and the files networks
/// hand their users that list whom they block, mute and follow. The kind is recognised from the content (or named in
/// <c>kind</c>); <c>?preview=true</c> answers what would happen without writing. A confirmed import is one
/// transaction. The file lives only in this request's memory: never stored, never logged.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>Addresses looked up on the provider in one import, at most (a file naming more is refused with what to do).</summary>
    public const int MaxLookups = 300;

    private const int MaxSkippedEntries = 100;

    private const string Summary =
        "Imports a file: Reasonable's own JSON export, or your network's export of the accounts you block, mute or follow "
        + "(X: the data archive zip, or its block.js, mute.js, following.js; Mastodon: blocked_accounts.csv, muted_accounts.csv, following_accounts.csv). "
        + "Send it as multipart/form-data in the field file; the kind (reasonable, x-archive, mastodon-blocked, mastodon-muted, mastodon-following) "
        + "is recognised from the content or named in the field kind. preview=true answers what would be added, matched and skipped (and why) without writing. "
        + "Importing the same file again adds nothing; a file that cannot be imported is refused whole (422, or 413 when too large), and nothing is written.";

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports", ImportAsync).WithTags("Imports").RequireAuthorization().RequireRateLimit(LimitedAction.Write)
            .WithName("ImportFile").WithSummary(Summary)
            .Accepts<ImportFileForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpContext http,
        [FromQuery] bool? preview,
        CurrentUser current,
        UserRepository users,
        ProviderDirectory providers,
        IEnumerable<IRelationFileFormat> formats,
        ImportRunner runner,
        MasterKeyRing ring,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (file, kind, uploadProblem) = await ImportUpload.ReadAsync(http, cancellationToken);
        if (uploadProblem is not null)
        {
            return uploadProblem;
        }

        var user = await users.FindAsync(keys.UserId, cancellationToken);
        if (user is null || providers.Find(user.Provider) is not { } provider)
        {
            return Problems.NotFound("user");
        }

        var read = ImportReading.Read(file!, kind, [.. formats], keys, user, provider, providers);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var isPreview = preview == true;
        IReadOnlyDictionary<string, ProviderProfile?>? lookups = null;
        try
        {
            if (!isPreview && read.Accounts.Any(account => account.AccountId is null))
            {
                var (found, problem) = await LookUpAsync(keys, read.Accounts, runner, ring, user, provider, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                lookups = found;
            }

            if (await runner.RunAsync(keys, read.Accounts, lookups, write: !isPreview, cancellationToken) is not { } done)
            {
                return Busy();
            }

            var log = loggers.CreateLogger(typeof(ImportEndpoints).FullName!);
            // Counts only: nothing of the file goes to the log.
            log.LogInformation(
                "Import of a {Kind} file (preview {Preview}): {Added} added, {Matched} matched, {Skipped} skipped, {Reasons} reasons added",
                read.Kind, isPreview, done.Plan.Added, done.Plan.Matched, done.Plan.Skips.Count, done.Plan.ReasonsAdded);
            return TypedResults.Ok(Response(read, isPreview, done.Plan));
        }
        catch (ProviderException exception)
        {
            return Problems.Provider(exception, provider.Info.DisplayName);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict(
                "import-conflict",
                "Your accounts changed while importing",
                "Some of the file's accounts were added while the import ran (by a sync or by hand). Nothing was imported: import the file again.");
        }
    }

    /// <summary>Looks up on the provider the addresses the file names that no account here has, before anything is written.</summary>
    private static async Task<(IReadOnlyDictionary<string, ProviderProfile?>? Found, ProblemHttpResult? Problem)> LookUpAsync(
        UserKeyRing keys, IReadOnlyList<ImportedAccount> accounts, ImportRunner runner, MasterKeyRing ring, UserRow user, ISocialProvider provider,
        CancellationToken cancellationToken)
    {
        if (await runner.RunAsync(keys, accounts, null, write: false, cancellationToken) is not { } first)
        {
            return (null, Busy());
        }

        var handles = first.HandlesToLookUp;
        var found = new Dictionary<string, ProviderProfile?>(StringComparer.OrdinalIgnoreCase);
        if (handles.Count == 0)
        {
            return (found, null);
        }

        var name = provider.Info.DisplayName;
        if (handles.Count > MaxLookups)
        {
            return (null, ImportUpload.Problem(StatusCodes.Status422UnprocessableEntity, "import-needs-sync", "Sync first, then import",
                $"The file names {handles.Count:N0} accounts Reasonable does not know yet, and it looks up at most {MaxLookups} on {name} at once. "
                + $"Sync first (Reasonable then knows everyone you block, mute and follow now), then import the file again."));
        }

        ProviderAccess access;
        try
        {
            (_, access) = StoredProviderAccess.Open(ring, user, provider);
        }
        catch (CiphertextException)
        {
            return (null, Problems.ProviderAccessUnreadable(name));
        }

        foreach (var handle in handles)
        {
            found[handle] = await provider.LookupAsync(access, handle, cancellationToken);
        }

        return (found, null);
    }

    private static ProblemHttpResult Busy() => Problems.Conflict(
        "import-busy", "A sync is filing your accounts", "A sync is filing your accounts right now. Nothing was imported: try again in a minute.");

    private static ImportResponse Response(ImportReading read, bool preview, ImportPlan plan) => new(
        read.Kind,
        read.Description,
        preview,
        plan.Added + plan.Matched + plan.Skips.Count,
        plan.Added,
        plan.Matched,
        plan.Skips.Count,
        plan.ToLookUp,
        plan.RelationsAdded,
        plan.ReasonsAdded,
        plan.ReasonsMatched,
        [.. plan.Skips.GroupBy(skip => skip.Reason).OrderBy(group => group.Key)
            .Select(group => new ImportSkipGroup(ImportSkipReasons.Code(group.Key), group.Count(), ImportSkipReasons.Explain(group.Key)))],
        [.. plan.Skips.Take(MaxSkippedEntries).Select(skip => new ImportSkippedEntry(skip.Line, ImportSkipReasons.Code(skip.Reason)))],
        read.UnknownFields);
}
