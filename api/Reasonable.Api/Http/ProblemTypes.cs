namespace Reasonable.Api.Http;

/// <summary>
/// One kind of problem the API answers with: its <c>type</c> is <c>/problems/{Name}</c>, and that address serves a
/// page saying what it means and what to do. <see cref="Members"/> names the extension members it carries beyond
/// type, title, status, detail and traceId.
/// </summary>
public sealed record ProblemType(string Name, string Title, IReadOnlyList<int> Statuses, string Explanation, IReadOnlyList<string> Members)
{
    public string Uri => $"/problems/{Name}";
}

/// <summary>
/// Every problem type the API answers with, in one place: the OpenAPI document lists them as the enum of a problem's
/// <c>type</c>, GET /problems/{name} explains each, and docs/problems.md is the same list for reading.
/// </summary>
public static class ProblemTypes
{
    public static IReadOnlyList<ProblemType> All { get; } =
    [
        Type("invalid-request", "The request is not valid", [400],
            "A path, query parameter, header or body member is missing or has a value the API does not take. errors names each member with what is wrong; fix those and send the request again.",
            "errors"),
        Type("accounts-not-found", "Some of these accounts are not yours", [400],
            "A bulk request named account ids that are not among your accounts (missing, deleted, or another user's: the answer is the same). notFound lists them; nothing was changed. Remove them and send the request again.",
            "notFound"),
        Type("sign-in-required", "Sign in required", [401],
            "The request has no bearer token or session cookie, or the one it has was signed out, revoked or has expired. Sign in again, or create a personal access token in settings."),
        Type("forbidden", "Not allowed", [403],
            "This token may not do that: sign in again in the web app, or use a token made for it."),
        Type("browser-session-required", "Only the web app can do this", [403],
            "Personal access tokens are made from a signed-in browser session, not with another token. Make them in the web app's settings."),
        Type("cross-site-request", "Request from another site", [403],
            "A request sent with the web app's cookie came from another site (or without the headers a browser sends). Use the web app itself, or a bearer token."),
        Type("not-found", "Not found", [404],
            "Nothing answers at this address, or there is no such thing among yours (another user's ids are answered the same as missing ones)."),
        Type("method-not-allowed", "Method not allowed", [405],
            "The address exists but does not take this method; the Allow header lists the ones it takes."),
        Type("key-list-needs-attention", "Your key list needs attention", [409],
            "Your notes cannot be opened until your key list is restored. GET /api/me says what happened; restore it with your recovery code (POST /api/me/recovery/restore) or sign in again once the list is back."),
        Type("stored-data-unreadable", "Stored data cannot be opened", [409],
            "A stored value failed its integrity check (it was changed or moved outside Reasonable), so it is not shown. You can delete it; nothing else is affected."),
        Type("account-changed", "The account changed meanwhile", [409],
            "A sync kept changing the account while this was being saved. Try again in a moment."),
        Type("action-in-progress", "That action is still running", [409],
            "A request with the same Idempotency-Key is still being carried out. Wait a moment and send it again to get its answer."),
        Type("action-not-supported", "The provider cannot do that", [409],
            "Your provider does not offer this action (GET /api/providers lists the actions each offers)."),
        Type("notes-not-supported", "The provider has no notes to import", [409],
            "Your provider does not keep private notes on accounts, so there is nothing to import. Write your reasons in Reasonable."),
        Type("no-timed-mute", "There is no timed mute to end", [409],
            "Only a mute with an end appears in Review by itself; the account has none now. Reload it to see how it stands."),
        Type("no-recovery-code", "You have no recovery code yet", [409],
            "The account has no recovery code, so the key list cannot be restored from one. Once the key list is back, make one (POST /api/me/recovery-code)."),
        Type("recovery-code-out-of-date", "That recovery code is out of date", [409],
            "Your keys were rotated after this recovery code was made, so it no longer opens them. Use your newest recovery code."),
        Type("keys-changed", "Your keys changed meanwhile", [409],
            "Your keys changed while a new key was being made, so nothing was changed. Try again; if it keeps happening, sign in with your provider again."),
        Type("import-busy", "An import is already running", [409],
            "A sync is filing your accounts right now. Nothing was imported: try again in a minute."),
        Type("import-conflict", "Your accounts changed during the import", [409],
            "Some of the file's accounts were added while the import ran (by a sync or by hand). Nothing was imported: import the file again."),
        Type("export-needs-servers", "This export is for networks with servers", [409],
            "The blocked, muted and following exports are the files a new server imports; your provider has no servers to move between. Use format=json or format=csv."),
        Type("provider-access-unreadable", "Reasonable cannot open your provider sign-in", [409],
            "The provider access stored for you does not open any more. Sign in with your provider again, then try once more."),
        Type("provider-access-revoked", "Reasonable no longer has access to your provider account", [409],
            "Your provider says Reasonable's access was revoked. Sign in with your provider again to grant it."),
        Type("provider-no-room", "Your provider account has no room for the key list", [409],
            "Your provider account already has as many lists as the provider allows. Delete a list you no longer need there, then try again."),
        Type("edit-conflict", "This changed since you opened it", [412],
            "Someone (another tab or script) saved a newer version after the version you edited. current is the version saved now and currentVersion its number: review it, then save again with that version.",
            "currentVersion", "current"),
        Type("request-too-large", "The body is too large", [413],
            "The body is larger than the API accepts. A reason holds at most 10,000 characters; send less at once."),
        Type("import-file-too-large", "The file is too large to import", [413],
            "The file (or what a zip unpacks to, or its number of entries) is over the import's limit. From a data archive, upload only the files that list your accounts (or a zip of only those), not the whole archive."),
        Type("uri-too-long", "The address is too long", [414],
            "The address (path and query) is longer than the API accepts: shorten the query, or send long values in a JSON body."),
        Type("unsupported-media-type", "Wrong kind of body", [415],
            "Send JSON bodies as UTF-8 with Content-Type: application/json; send an import file as multipart/form-data in a field named file."),
        Type("import-file-unreadable", "The file cannot be imported", [422],
            "The file is empty, or it is not in a format the import reads (or not the one named in kind). detail says what was wrong with it."),
        Type("import-file-unknown", "The kind of file is not recognised", [422],
            "The file is none of the kinds Reasonable imports (its own JSON export, or the files your provider gives out). Choose the file as the provider gave it to you."),
        Type("import-file-other-network", "The file is from another network", [422],
            "The file comes from a different network (or another account) than the one you signed in with. Sign in with that one to import it."),
        Type("import-needs-sync", "Sync first, then import", [422],
            "This file names accounts by address alone, which are matched against your synced accounts. Sync first (POST /api/sync), then import."),
        Type("version-required", "Say which version you are changing", [428],
            "Send the version you are changing in an If-Match header (its ETag) or in the body's version field, so an edit made elsewhere is never silently overwritten."),
        Type("too-many-requests", "Too many requests", [429],
            "You sent more of these requests than the API allows in a while. The Retry-After header says in how many seconds to try again."),
        Type("headers-too-large", "The headers are too large", [431],
            "The request's headers are larger than the API accepts together: drop cookies and headers it does not need."),
        Type("internal-error", "Something went wrong on our side", [500],
            "Reasonable failed to answer this request; nothing you sent caused it. Try again, and if it keeps happening, report it with the traceId."),
        Type("provider-refused", "The provider refused the request", [502],
            "The provider refused a request Reasonable made for you. If it keeps happening, sign in with your provider again."),
        Type("provider-unavailable", "The provider is not answering", [503],
            "The provider did not answer properly. Try again in a minute."),
        Type("provider-rate-limited", "The provider asks us to slow down", [503],
            "The provider's rate limit for this is used up. retryAt says when it resets, when the provider said; try again then.",
            "retryAt"),
        Type("database-unavailable", "Reasonable is not available just now", [503],
            "Reasonable's database is not answering just now. Try again after retryAfter seconds; if you were saving something, check afterwards whether it was saved.",
            "retryAfter"),
        Type("unavailable", "Reasonable is not available just now", [503],
            "Reasonable cannot answer just now. Try again in a minute."),
        Type("request-failed", "The request failed", [400, 500],
            "The request could not be answered, for a reason without a problem type of its own: check it against the API's documentation at /swagger."),
    ];

    public static ProblemType? Find(string name) => All.FirstOrDefault(type => type.Name == name);

    private static ProblemType Type(string name, string title, int[] statuses, string explanation, params string[] members) =>
        new(name, title, statuses, explanation, members);
}
