using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The description of every operation, by its name (<c>.WithName</c>): what a caller needs beyond the one-line summary —
/// paging, versions, limits, what is written and what is refused. The linters (npm test) fail on an operation without one.
/// </summary>
public sealed class OpenApiOperationDescriptions : IOperationFilter
{
    private const string Paged = " Pages: `limit` items at most (1–200, default 50); when `nextCursor` is not null, pass it back as `cursor` for the next page, with the same filters and sort.";
    private const string Versioned = " The reason's version is in the `ETag` header (`\"3\"`) and in `version`.";
    private const string Writes = " Counts towards the per-user write limit (WRITE_RATE_LIMIT a minute, default 300): past it, 429 with Retry-After.";
    private const string SignInLimit = " Counts towards the per-address sign-in limit (SIGN_IN_RATE_LIMIT a minute, default 30): past it, 429 with Retry-After.";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["ListAccounts"] = "Every filter narrows the list: `relation` (active now), `tag`, `hasReasons`, `providerAccountId` and `q`, free text over handle, name, reason text and tags where every word must start a word in the account (`\"a phrase\"` matches words in a row, `@name` the start of a handle); each account found says where it matched in `matchedIn`. A `q` without a letter or digit is 400. Rows that fail their integrity check are left out and counted in `unreadable`." + Paged + " A cursor belongs to its sort.",
        ["CreateAccount"] = "Use it before a sync has found the account. `providerAccountId` is the provider's own id for the account; `handle` is required, `displayName` and `avatarUrl` optional. Answers 201 with the new account, or 200 with the one you already have under that id." + Writes,
        ["ActOnAccountByHandle"] = "`handle` names the account on your provider (`name@server` on providers with servers); it is looked up there and added to your accounts if need be. Otherwise the same as ActOnAccount: the provider acts first, and only then are the relation and the reason stored together. Send a fresh `Idempotency-Key` per action and the same one on a retry." + Writes,
        ["BulkUpdateAccounts"] = "`accountIds` (1–500) and `reason` (one new reason written to each) and/or `setReview: true` with `reviewOn` (a date, or null to clear). One transaction: ids that are not yours answer 400 `accounts-not-found` listing them in `notFound`, and nothing is written." + Writes,
        ["CountAccounts"] = "Takes the filters of ListAccounts (`relation`, `tag`, `hasReasons`, `q`, `providerAccountId`) and answers `matching`, counted after decryption, and `unreadable`. Without filters it is the database's own count.",
        ["DeleteAccount"] = "The account and every reason on it are deleted in one transaction. Nothing changes on the provider. An id that is not yours answers 404, like one that does not exist." + Writes,
        ["GetAccount"] = "Relations carry when they started (`since`: the day Reasonable acted when `startedByReasonable`, else the first sync that saw it), when a sync last saw them, a timed mute's end and past periods. An id that is not yours answers 404; a row that fails its integrity check answers 409 `stored-data-unreadable`.",
        ["ActOnAccount"] = "`action` is block, unblock, mute (with `muteDurationSeconds` where the provider has timed mutes), unmute, follow or unfollow, and `reason` is optional. The provider acts first; only then are the relation and the reason stored, together. If the provider refuses or fails, nothing is stored and the problem says why; a provider that does not let Reasonable act answers 409. Send a fresh `Idempotency-Key` per action and the same one on a retry: the retry answers the first outcome instead of acting again." + Writes,
        ["GetAccountReview"] = "`reviewOn` is the account's own review date (or null), and each reason lists its own. An id that is not yours answers 404.",
        ["SetAccountReview"] = "`reviewOn` is a date from today to 10 years ahead, or null to clear it. Nothing else about the account changes." + Writes,
        ["ReviewMuteEnd"] = "Answers 409 `no-timed-mute` when the account has no timed mute now. A later mute with another end comes up for review again." + Writes,
        ["CreateBrowserSession"] = "The web app's sign-in: the session lives in an HttpOnly cookie that no script can read, and the body carries no token. Every later request with that cookie, except GET, must send `X-Reasonable-Request: 1` from this server's origin, or it is 403 `cross-site-request`. Scripts use CreateSession instead." + SignInLimit,
        ["SignOut"] = "The token or cookie stops working at once, on every node.",
        ["SignOutEverywhere"] = "Every browser session of yours ends at once, this one included, and the cookie is cleared. Personal access tokens keep working until revoked or expired.",
        ["CreateSession"] = "`code` is the one-time code from the URL fragment of the page FinishSignIn redirects to; it works once, within a minute. Answers the bearer token (a JWT) and when it expires. Send it as `Authorization: Bearer <token>`." + SignInLimit,
        ["FinishSignIn"] = "Opened by the browser, not called by scripts: the provider redirects here after consent. Needs the cookie StartSignIn set in the same browser; answers 302 to the web app's `/signed-in#code=…` (a one-time code, valid one minute)." + SignInLimit,
        ["StartSignIn"] = "Opened by the browser, not called by scripts: sets a short-lived cookie that ties the sign-in to this browser and answers 302 to the provider's consent page. `provider` is a name from ListProviders." + SignInLimit,
        ["ExportData"] = "`format=json` (the default) is lossless: every account with its relations and reasons, decrypted. `format=csv` has one row per reason and puts `'` before cells a spreadsheet would run as a formula. `blocked`, `muted` and `following` are the provider's own import files, only on providers with servers (else 409 `export-needs-servers`). Every answer is a download (`Content-Disposition: attachment`) and is never cached.",
        ["ImportFile"] = "At most 32 MiB (a zip at most 20,000 entries and 64 MiB unpacked), else 413. One transaction; the file is read in memory and never kept. A relation from a file is unconfirmed until the next sync sees it." + Writes,
        ["ImportProviderNotes"] = "Only on providers that keep private notes on accounts; elsewhere 409 `notes-not-supported`. Answers how many accounts were checked and how many notes were imported, already imported or skipped (too long, or not valid text)." + Writes,
        ["RotateUserKey"] = "Writes a new key into the key list on the provider and re-wraps your data key under it; nothing you see changes. At most KEY_ROTATION_RATE_LIMIT an hour (default 10): past it, 429 with Retry-After.",
        ["RotateDataKey"] = "Makes a new data key for everything you write from now on and re-encrypts your notes under it in the background; every session you have keeps working. Answers 202 at once: GET /api/keys shows the progress. 409 while a rotation is still running. Use it when a session's keys may have leaked (end that session first). Shares KEY_ROTATION_RATE_LIMIT with RotateUserKey.",
        ["GetKeyStatus"] = "Your key list as the provider holds it now (read live at most every 5 minutes; `keyListCheck` says whether this answer is `now`, `recent`, or the last known state because the provider `failed`), your key versions, and the progress of a data-key rotation.",
        ["DeleteMe"] = "Needs the body `{\"confirm\": \"delete my account\"}` exactly (else 400). Deletes the key list on the provider, revokes Reasonable's access there and deletes every row of yours; if the provider cannot be reached, nothing is deleted and you can try again. Afterwards every token of yours answers 401.",
        ["GetMe"] = "`keyStatus` is `active`, `missing`, `edited` or `undecryptable`; while it is not active, `keyStatusHelp` says what to do (restore it with the recovery code, or start over), and routes that need your notes answer 409 until then.",
        ["CreateRecoveryCode"] = "The code is in this response only; store it offline. It restores the key list if the list is deleted or edited on the provider. A new code replaces the old one at once.",
        ["RestoreKeyList"] = "`recoveryCode` is the code from CreateRecoveryCode. Answers a new token that opens your notes; a wrong code is 400." + SignInLimit,
        ["ListProviders"] = "Each provider says whether sign-in needs a server name (`needsInstance`), the address that starts sign-in, which actions Reasonable can perform there (`actions`, with `actionsNote` when there are none), what it writes on your account, and which files it imports." + SignInLimit,
        ["CreateReason"] = "`accountId` must be one of your accounts (else 400); `action` is block, mute, follow, unblock, unmute, unfollow or other; `text` up to 10,000 characters; up to 20 `tags`; `occurredAt` from 1990 until now, default now. Answers 201 with the reason." + Versioned + Writes,
        ["DeleteReason"] = "Without If-Match it deletes whatever the version. With `If-Match: \"3\"` it deletes only at that version; otherwise 412 with the current reason in `current`. An id that is not yours answers 404." + Writes,
        ["GetReason"] = "An id that is not yours answers 404; a row that fails its integrity check answers 409 `stored-data-unreadable`." + Versioned,
        ["UpdateReason"] = "Name the version you edited in `If-Match: \"3\"` (RFC 9110: `*` matches any version, a list matches if one tag does, a weak tag never matches) or in `version`. A stale version answers 412 with the current reason in `current`; no version at all is 428. `occurredAt` is kept when left out." + Versioned + Writes,
        ["SetReasonReview"] = "`reviewOn` is a date from today to 10 years ahead, or null to clear it." + Writes,
        ["ListReviews"] = "Items are an account's review date (`kind: account`), a reason's (`reason`, with `reasonId`) or a timed mute a week before it ends (`mute-ends`, with `muteEndsAt`), each with its account and reasons. `until` is your today (YYYY-MM-DD, within a day of the server's UTC date; default that date); `limit` 1–200, default 50; `due` counts everything due.",
        ["GetSearchIndex"] = "Accounts and reasons from before the index existed are indexed a batch per search; until `complete` is true, search reads every account instead.",
        ["RebuildSearchIndex"] = "Each call indexes one batch; repeat it, or keep searching, until `complete` is true. Search keeps working meanwhile." + Writes,
        ["ListSessions"] = "Each session has when it started and was last used and the `userAgent` that signed it in (stored encrypted). Personal access tokens are under /api/tokens.",
        ["EndSession"] = "The session's cookie stops working at once, on every node. An id that is not yours answers 404.",
        ["GetSync"] = "Each relation reports its `phase`, `fetched`, `folded`, `pages`, `waitingUntil` (while the provider's rate limit is waited out) and `lastError`. Poll it while the run is queued, running or waiting or `pendingPages` is above 0: each poll files fetched pages into your accounts, which only your requests can open.",
        ["StartSync"] = "Answers 202 with the run: a new one, or the one already under way. A background job fetches the accounts you block, mute and follow, waiting out the provider's rate limits and retrying failures. At most SYNC_START_RATE_LIMIT an hour (default 10): past it, 429 with Retry-After.",
        ["ListTags"] = "`items` has each tag with how many reasons and accounts carry it; `unreadable` counts rows that failed their integrity check.",
        ["RenameTag"] = "`from` is matched case-insensitively; renaming into a tag you already use merges the two. One transaction; every changed reason is re-encrypted and its version goes up, so an editor still open on it gets 412. Answers how many reasons changed." + Writes,
        ["ListPersonalTokens"] = "Names, expiry and last use only: a token itself is shown once, when it is made.",
        ["CreatePersonalToken"] = "`name` and `expiresInDays` (1–366). The token is in this response only. Made only from a browser session: a personal token cannot make another (403).",
        ["RevokePersonalToken"] = "The token answers 401 from now on, on every node. An id that is not yours answers 404.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId is { } name && Descriptions.TryGetValue(name, out var description))
        {
            operation.Description = description;
        }
    }
}
