using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Api.Search;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The accounts the user blocked, muted or followed (synced from the provider, or added by hand), with their
/// reasons. Filters by relation, tag, account and whether there are reasons use blind indexes; free text uses the
/// search index (Search/) and is decided after decryption. Everything needs a session that holds keys.
/// </summary>
public static class AccountEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private const int MaxHandleLength = 100;
    private const int MaxDisplayNameLength = 200;
    public const int MaxProviderAccountIdLength = 64;
    public const int MaxSearchLength = 200;
    private const int MaxAvatarUrlLength = 2048;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListAccounts")
            .WithSummary("Accounts you acted on, each with its latest reason: newest activity first, or by sort (recent, oldest, handle, unreasoned: no reason yet first). Filter, search and page with a cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAccount").WithSummary("One account with its whole timeline of reasons, newest first.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/", CreateAsync).WithName("CreateAccount").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Adds an account by hand (before the next sync finds it). Answers the existing one (200) if you already have it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAccount").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Deletes an account and all its reasons from Reasonable. It does not unblock, unmute or unfollow anything on your provider; a later sync adds the account again while you still block, mute or follow it there.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<LargeOk<AccountPageResponse>, ProblemHttpResult>> ListAsync(
        CurrentUser current,
        AccountSearch search,
        AccountCatalog catalog,
        [FromQuery] string? relation,
        [FromQuery] string? tag,
        [FromQuery] string? hasReasons,
        [FromQuery] string? q,
        [FromQuery] string? providerAccountId,
        [FromQuery] string? sort,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var (filter, filterProblem) = ReadFilter(relation, tag, hasReasons, q, providerAccountId);
        if (filterProblem is not null)
        {
            return filterProblem;
        }

        var order = AccountSorts.TryParse(sort);
        if (order is null)
        {
            return Problems.Invalid("sort", AccountSorts.Help);
        }

        var (pageSize, limitProblem) = ReadPageSize(limit);
        if (limitProblem is not null)
        {
            return limitProblem;
        }

        AccountPageResult page;
        if (AccountSorts.NeedsWholeList(order.Value))
        {
            if (!AccountCatalog.TryDecodeCursor(cursor, out var offset))
            {
                return Problems.Invalid("cursor", "cursor is not one this API gave out; start again without it.");
            }

            page = await catalog.SortedPageAsync(keys, filter!, order.Value, offset, pageSize, cancellationToken);
        }
        else
        {
            if (!AccountListCursor.TryDecode(cursor, out var after))
            {
                return Problems.Invalid("cursor", "cursor is not one this API gave out; start again without it.");
            }

            page = await search.PageAsync(keys, filter! with { OldestFirst = order == AccountSort.Oldest }, after, pageSize, cancellationToken);
        }

        return new LargeOk<AccountPageResponse>(new AccountPageResponse([.. page.Items.Select(AccountResponse.From)], page.NextCursor, page.Unreadable), ResponseJson.Default.AccountPageResponse);
    }

    /// <summary>The list's filters from its query parameters (shared by the list and its count), or a problem naming the one that is wrong.</summary>
    internal static (AccountFilter? Filter, ProblemHttpResult? Problem) ReadFilter(string? relation, string? tag, string? hasReasons, string? q, string? providerAccountId)
    {
        Relation? relationFilter = null;
        if (relation is not null)
        {
            relationFilter = RelationNames.TryParse(relation.ToLowerInvariant());
            if (relationFilter is null)
            {
                return (null, Problems.Invalid("relation", "relation must be blocked, muted or following."));
            }
        }

        bool? hasReasonsFilter = hasReasons switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (hasReasons is not null && hasReasonsFilter is null)
        {
            return (null, Problems.Invalid("hasReasons", "hasReasons must be true or false."));
        }

        var text = q?.Trim();
        if (text is { Length: > MaxSearchLength })
        {
            return (null, Problems.Invalid("q", $"Search for at most {MaxSearchLength} characters."));
        }

        var query = string.IsNullOrEmpty(text) ? null : SearchQuery.Parse(text);
        if (!string.IsNullOrEmpty(text) && query is null)
        {
            return (null, Problems.Invalid("q", "Search for at least one letter or digit: a word, \"a phrase\", @handle or handle@server."));
        }

        var trimmedTag = tag?.Trim();
        if (tag is not null && string.IsNullOrEmpty(trimmedTag))
        {
            return (null, Problems.Invalid("tag", "tag cannot be empty."));
        }

        return (new AccountFilter
        {
            Relation = relationFilter,
            Tag = trimmedTag,
            ProviderAccountId = string.IsNullOrWhiteSpace(providerAccountId) ? null : providerAccountId.Trim(),
            HasReasons = hasReasonsFilter,
            Text = query,
        }, null);
    }

    /// <summary>The <c>limit</c> query parameter: 1–200, default 50; a problem naming it otherwise.</summary>
    internal static (int PageSize, ProblemHttpResult? Problem) ReadPageSize(string? limit)
    {
        if (limit is null)
        {
            return (DefaultPageSize, null);
        }

        return int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pageSize) && pageSize is >= 1 and <= MaxPageSize
            ? (pageSize, null)
            : (0, Problems.Invalid("limit", $"limit must be a whole number from 1 to {MaxPageSize}."));
    }

    private static async Task<Results<LargeOk<AccountDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser current, AccountSearch search, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        AccountView? view;
        try
        {
            view = await search.FindAsync(keys, id, cancellationToken);
        }
        catch (CiphertextException)
        {
            return Problems.Unreadable("account");
        }

        return view is null
            ? Problems.NotFound("account")
            : new LargeOk<AccountDetailResponse>(new AccountDetailResponse(
                AccountResponse.From(view),
                [.. ReasonView.Timeline(view.Reasons).Select(ReasonResponse.From)],
                view.ReasonCount - view.Reasons.Count), ResponseJson.Default.AccountDetailResponse);
    }

    private static async Task<Results<Created<AccountResponse>, Ok<AccountResponse>, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request,
        CurrentUser current,
        AccountRepository accounts,
        UserRepository users,
        ProviderDirectory providers,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var providerAccountId = request.ProviderAccountId?.Trim();
        if (string.IsNullOrEmpty(providerAccountId) || providerAccountId.Length > MaxProviderAccountIdLength || providerAccountId.Any(char.IsWhiteSpace) || providerAccountId.Any(char.IsControl))
        {
            return Problems.Invalid("providerAccountId", $"providerAccountId is the account's id on your provider (such as 1000000002), 1 to {MaxProviderAccountIdLength} characters.");
        }

        var user = await users.FindAsync(keys.UserId, cancellationToken);
        if (user is null || providers.Find(user.Provider) is not { } provider)
        {
            return Problems.NotFound("user");
        }

        if (!provider.IsValidAccountId(providerAccountId))
        {
            var name = provider.Info.DisplayName;
            return Problems.Invalid("providerAccountId", $"providerAccountId is not an account id {name} gives out: use the account's id on {name} (such as 1000000002), not its @handle or profile address.");
        }

        var handle = request.Handle?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(handle) || handle.Length > MaxHandleLength || handle.Any(char.IsWhiteSpace) || handle.Any(char.IsControl))
        {
            return Problems.Invalid("handle", $"handle is the account's @name without spaces, 1 to {MaxHandleLength} characters.");
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        if (displayName is not null && (displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl)))
        {
            return Problems.Invalid("displayName", $"displayName is at most {MaxDisplayNameLength} characters on one line.");
        }

        string? avatarUrl = null;
        if (!string.IsNullOrWhiteSpace(request.AvatarUrl))
        {
            if (request.AvatarUrl.Length > MaxAvatarUrlLength || !Uri.TryCreate(request.AvatarUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                return Problems.Invalid("avatarUrl", "avatarUrl must be an https:// URL.");
            }

            avatarUrl = url.AbsoluteUri;
        }

        var existing = await accounts.FindByProviderAccountIdAsync(keys.UserId, BlindIndexes.ProviderAccountId(keys, providerAccountId), cancellationToken);
        if (existing is not null)
        {
            return Existing(keys, existing);
        }

        var now = time.GetUtcNow();
        var document = new AccountDocument(providerAccountId, handle, displayName, avatarUrl, null, null, null);
        var row = AccountCipher.Seal(keys, Guid.NewGuid(), document, now, now, now);
        if (!await accounts.CreateAsync(row, cancellationToken))
        {
            // Another request (or sync) added it a moment ago.
            existing = await accounts.FindByProviderAccountIdAsync(keys.UserId, row.ProviderAccountIdIndex, cancellationToken);
            return existing is null ? Problems.NotFound("account") : Existing(keys, existing);
        }

        return TypedResults.Created($"/api/accounts/{row.Id}", AccountResponse.From(new AccountView(row, document, 0, [])));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CurrentUser current, AccountRepository accounts, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        return await accounts.DeleteAsync(keys.UserId, id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("account");
    }

    /// <summary>The account the user already has with that provider id (200), or 409 when it fails its integrity check.</summary>
    private static Results<Created<AccountResponse>, Ok<AccountResponse>, ProblemHttpResult> Existing(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return TypedResults.Ok(AccountResponse.From(new AccountView(row, AccountCipher.Open(keys, row), 0, [])));
        }
        catch (CiphertextException)
        {
            return Problems.Unreadable("account");
        }
    }
}

/// <summary>
/// An account you acted on. Relations are null until seen; an ended relation keeps its dates and history.
/// <c>profileUrl</c> is its page on the provider; <c>movedTo</c> the handle of the account it moved to, if it did.
/// <c>matchedIn</c> says where a free-text search (<c>q</c>) found it: <c>handle</c>, <c>name</c>, <c>reason</c>
/// (a reason's text), <c>tag</c>; null when the list was not searched.
/// </summary>
public sealed record AccountResponse(
    Guid Id,
    string ProviderAccountId,
    string Handle,
    string? DisplayName,
    string? AvatarUrl,
    string? ProfileUrl,
    string? MovedTo,
    RelationsResponse Relations,
    int ReasonCount,
    ReasonResponse? LatestReason,
    DateTimeOffset LastActivityAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SearchField>? MatchedIn = null)
{
    public static AccountResponse From(AccountView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var document = view.Document;
        return new AccountResponse(
            view.Row.Id,
            document.ProviderAccountId,
            document.Handle,
            document.DisplayName,
            document.AvatarUrl,
            document.ProfileUrl,
            document.MovedTo,
            new RelationsResponse(document.Blocked, document.Muted, document.Following),
            view.ReasonCount,
            view.Reasons.Count > 0 ? ReasonResponse.From(view.Reasons[0]) : null,
            view.Row.LastActivityAt,
            view.Row.CreatedAt,
            view.MatchedIn);
    }
}

/// <summary>Each relation with the account: when first seen, when the current period began, last seen, and when it ended.</summary>
public sealed record RelationsResponse(RelationState? Blocked, RelationState? Muted, RelationState? Following);

/// <summary>
/// One page of accounts. Pass <c>nextCursor</c> as <c>cursor</c> for the next page (null on the last).
/// <c>unreadable</c> counts stored rows skipped because they failed their integrity check.
/// </summary>
public sealed record AccountPageResponse(IReadOnlyList<AccountResponse> Items, string? NextCursor, int Unreadable);

/// <summary>An account with every reason, newest first. <c>unreadableReasons</c> counts reasons that failed their integrity check and are not shown.</summary>
public sealed record AccountDetailResponse(AccountResponse Account, IReadOnlyList<ReasonResponse> Reasons, int UnreadableReasons);

/// <summary>An account to add by hand: its id on the provider and @handle; name and avatar are optional.</summary>
public sealed record CreateAccountRequest([property: Required] string? ProviderAccountId, [property: Required] string? Handle, string? DisplayName, string? AvatarUrl);
