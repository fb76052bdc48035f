using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Everything of the user's, decrypted, as a download: JSON (lossless, the format to keep) or CSV (one row per
/// reason, for spreadsheets); or, on networks with servers, the blocked, muted or followed accounts active now as the
/// import file a new server reads (<see cref="ServerMoveCsv"/>). Streamed a batch of accounts at a time, so a large
/// account never sits in memory whole.
/// </summary>
public static class ExportEndpoints
{
    public const string FormatName = "reasonable-export/v1";

    private const string Summary =
        "All your accounts and reasons, decrypted, as a JSON (format=json, the default) or CSV (format=csv) download; "
        + "or, on networks with servers, the accounts you block, mute or follow now as the file a new server imports "
        + "(format=blocked, muted or following: blocked_accounts.csv, muted_accounts.csv, following_accounts.csv).";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export", ExportAsync).WithTags("Export").RequireAuthorization().WithName("ExportData")
            .WithSummary(Summary)
            .Produces<ExportDocument>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        string? format, CurrentUser current, UserRepository users, AccountSearch search, ProviderDirectory providers, TimeProvider time,
        IOptions<JsonOptions> json, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var name = format?.ToLowerInvariant();
        var serverMove = RelationNames.TryParse(name);
        var csv = name switch
        {
            null or "json" => false,
            "csv" => true,
            _ => serverMove is null ? (bool?)null : true,
        };
        if (csv is null)
        {
            return Problems.Invalid("format", "format must be json, csv, blocked, muted or following.");
        }

        var user = await users.FindAsync(current.UserId, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user");
        }

        if (serverMove is { } relation)
        {
            // The files name accounts by name@server; a network without servers has no such addresses to import.
            if (providers.Find(user.Provider) is not { Info.NeedsInstance: true })
            {
                return Problems.Conflict(
                    "export-needs-servers",
                    "These files are for moving between servers",
                    "blocked, muted and following are the import files of networks with servers, for moving your account to another server. "
                    + "Your network has no servers, so there is nowhere to import them. Download format=json or format=csv instead.");
            }

            var log = loggers.CreateLogger(typeof(ExportEndpoints).FullName!);
            http.Response.Headers.CacheControl = "no-store";
            // Set here rather than by the result, so it is exactly the name the server's own export uses.
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ServerMoveCsv.FileName(relation)}\"";
            return TypedResults.Stream(
                stream => WriteServerMoveAsync(stream, keys, search, relation, log, cancellationToken),
                "text/csv; charset=utf-8");
        }

        var handle = SignInService.OpenHandle(keys, user);
        var now = time.GetUtcNow();
        var fileName = string.Create(CultureInfo.InvariantCulture, $"reasonable-export-{now:yyyy-MM-dd}.{(csv.Value ? "csv" : "json")}");
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            stream => csv.Value
                ? WriteCsvAsync(stream, keys, search, cancellationToken)
                : WriteJsonAsync(stream, keys, search, user.Provider, handle, now, json.Value.SerializerOptions, cancellationToken),
            csv.Value ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
            fileName);
    }

    private static async Task WriteJsonAsync(
        Stream stream, UserKeyRing keys, AccountSearch search, string provider, string? handle, DateTimeOffset now,
        JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        // Over a pipe, the serializer's own flushes only hand over buffers; the awaited FlushAsync calls do the I/O.
        var pipe = PipeWriter.Create(stream);
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteString("exportedAt", now);
        writer.WritePropertyName("user");
        JsonSerializer.Serialize(writer, new ExportUser(provider, handle), options);
        writer.WriteStartArray("accounts");
        var unreadable = new UnreadableTally();
        await foreach (var view in search.AllAsync(keys, unreadable, cancellationToken))
        {
            JsonSerializer.Serialize(writer, Detail(view), options);
            if (pipe.UnflushedBytes > 64 * 1024)
            {
                await pipe.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("unreadable", unreadable.Count);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await pipe.CompleteAsync();
    }

    private static async Task WriteCsvAsync(Stream stream, UserKeyRing keys, AccountSearch search, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteAsync(CsvExport.Header);
        var unreadable = new UnreadableTally();
        await foreach (var view in search.AllAsync(keys, unreadable, cancellationToken))
        {
            foreach (var line in CsvExport.Rows(Detail(view)))
            {
                await writer.WriteAsync(line);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>No byte order mark: the importers want plain UTF-8 and would read one as part of the first address.</summary>
    private static async Task WriteServerMoveAsync(
        Stream stream, UserKeyRing keys, AccountSearch search, Relation relation, ILogger log, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (ServerMoveCsv.Header(relation) is { } header)
        {
            await writer.WriteAsync(header);
        }

        var unreadable = new UnreadableTally();
        var skipped = 0;
        await foreach (var account in search.ActiveAsync(keys, relation, unreadable, cancellationToken))
        {
            if (ServerMoveCsv.Row(relation, account.Handle) is { } row)
            {
                await writer.WriteAsync(row);
            }
            else
            {
                skipped++;
            }
        }

        await writer.FlushAsync(cancellationToken);
        if (skipped > 0 || unreadable.Count > 0)
        {
            // Counts only: the handles themselves never go to the log.
            log.LogWarning(
                "Server-move export of {Relation} left out {Skipped} accounts whose handle is not a plain address and {Unreadable} unreadable rows",
                RelationNames.Name(relation), skipped, unreadable.Count);
        }
    }

    private static AccountDetailResponse Detail(AccountView view) =>
        new(AccountResponse.From(view with { Reasons = [] }), [.. view.Reasons.Select(ReasonResponse.From)], view.ReasonCount - view.Reasons.Count);
}

/// <summary>
/// The JSON export: every account (with its relations and history) and every reason, newest reason first.
/// <c>unreadable</c> counts stored rows left out because they failed their integrity check.
/// </summary>
public sealed record ExportDocument(string Format, DateTimeOffset ExportedAt, ExportUser User, IReadOnlyList<AccountDetailResponse> Accounts, int Unreadable);

/// <summary>Whose export this is.</summary>
public sealed record ExportUser(string Provider, string? Handle);
