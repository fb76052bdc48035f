using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Routes for `npm run bench` only, mapped when the API runs with <c>BENCHMARK_ROUTES=1</c> and left out of the
/// OpenAPI document. <c>GET /api/_bench/accounts</c> runs the same queries as a plain <c>GET /api/accounts</c> page
/// but decrypts nothing: it answers the ciphertexts in base64, so the benchmark can show what decryption costs.
/// <c>GET /api/_bench/ceiling?user=</c> is the fastest this machine can answer such a page: the same account rows by
/// the same index, with no authentication, no second query and no decryption.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Variable = "BENCHMARK_ROUTES";

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/_bench/accounts", ListRawAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/api/_bench/ceiling", CeilingAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>AccountSearch.PageAsync's statement for an unfiltered page (limit + 1 rows with their latest reasons), without opening anything.</summary>
    private static async Task<Results<LargeOk<RawAccountPageResponse>, ProblemHttpResult>> ListRawAsync(
        CurrentUser current, AccountRepository accounts, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (pageSize, limitProblem) = AccountEndpoints.ReadPageSize(limit);
        if (limitProblem is not null)
        {
            return limitProblem;
        }

        var batch = await accounts.ListWithLatestReasonAsync(new AccountQuery { UserId = keys.UserId, Limit = pageSize + 1 }, cancellationToken);
        var items = batch.Take(pageSize).Select(RawAccountResponse.From).ToList();
        var last = batch.Count > pageSize ? batch[pageSize - 1].Account : null;
        var next = last is null ? null : AccountListCursor.Encode(new AccountPosition(last.LastActivityAt, last.Id));
        return new LargeOk<RawAccountPageResponse>(new RawAccountPageResponse(items, next, 0), ResponseJson.Default.RawAccountPageResponse);
    }

    /// <summary>One query for the page's rows (limit + 1, as the list asks), answered as stored.</summary>
    private static async Task<LargeOk<RawAccountPageResponse>> CeilingAsync(
        AccountRepository accounts, [FromQuery] Guid user, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(limit ?? 50, 1, 200);
        var batch = await accounts.ListAsync(new AccountQuery { UserId = user, Limit = pageSize + 1 }, cancellationToken);
        var items = batch.Take(pageSize).Select(row => RawAccountResponse.From(new ListedAccountRow(row, 0, null))).ToList();
        return new LargeOk<RawAccountPageResponse>(new RawAccountPageResponse(items, null, 0), ResponseJson.Default.RawAccountPageResponse);
    }
}

/// <summary>An account row as stored: its ciphertext in base64, with its newest reason's ciphertext and the reason count.</summary>
public sealed record RawAccountResponse(Guid Id, string Data, int ReasonCount, RawReasonResponse? LatestReason, DateTimeOffset LastActivityAt, DateTimeOffset CreatedAt)
{
    public static RawAccountResponse From(ListedAccountRow listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var (row, count, reason) = listed;
        return new RawAccountResponse(
            row.Id,
            Convert.ToBase64String(row.DataCiphertext.Span),
            count,
            reason is null ? null : new RawReasonResponse(reason.Id, reason.AccountId, Convert.ToBase64String(reason.ContentCiphertext.Span), reason.Version, reason.CreatedAt, reason.UpdatedAt),
            row.LastActivityAt,
            row.CreatedAt);
    }
}

/// <summary>A reason row as stored: its ciphertext in base64.</summary>
public sealed record RawReasonResponse(Guid Id, Guid AccountId, string Content, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page of raw rows, shaped like <see cref="AccountPageResponse"/>.</summary>
public sealed record RawAccountPageResponse(IReadOnlyList<RawAccountResponse> Items, string? NextCursor, int Unreadable);
