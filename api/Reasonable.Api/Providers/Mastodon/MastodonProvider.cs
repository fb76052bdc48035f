using System.Net;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// Mastodon, on any instance, over OAuth 2: sign-in (<see cref="MastodonSignIn"/>), blocks, mutes and follows, the
/// private list whose title carries the user's key, the actions, and reading the user's own account notes. One
/// client serves every instance and user; each request carries its instance and token. Failure messages name the
/// route template and the status only: instances, ids, handles, list titles and bodies are user data.
/// </summary>
public sealed class MastodonProvider : ISocialProvider, IProviderNotes
{
    // Mastodon's maximum page size for blocks, mutes and following (40 by default).
    private const string RelationPageSize = "80";

    // GET /api/v1/accounts/relationships takes many id[]; batches keep URLs short and within what servers accept.
    private const int RelationshipBatch = 40;

    // Mastodon's PER_ACCOUNT_LIMIT for lists.
    private const int MaxLists = 50;

    private static readonly string KeySlotPrefix = KeyListName.Value + " ";

    private readonly MastodonHttp http;
    private readonly MastodonSignIn signIn;
    private readonly TimeProvider time;

    public MastodonProvider(HttpClient http, MastodonOptions options, ProviderAppStore apps, TimeProvider timeProvider)
    {
        time = timeProvider;
        this.http = new MastodonHttp(http, options, timeProvider);
        signIn = new MastodonSignIn(this.http, apps);
    }

    public string Name => MastodonSignIn.ProviderName;

    public ProviderInfo Info { get; } = new(
        "Mastodon",
        NeedsInstance: true,
        Actions: [AccountAction.Block, AccountAction.Unblock, AccountAction.Mute, AccountAction.Unmute, AccountAction.Follow, AccountAction.Unfollow],
        MuteDurations: true,
        ActionsNote: null);

    /// <summary>
    /// Mastodon's ids are opaque strings (in practice digits, but other servers speaking its API use other forms): 1
    /// to 64 letters, digits, underscores and hyphens.
    /// </summary>
    public bool IsValidAccountId(string id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A list title holds 256 characters (code points); the slot is what the key list's name leaves of them.</summary>
    public int KeySlotCapacity { get; } = 256 - KeySlotPrefix.EnumerateRunes().Count();

    public string KeySlotName => $"the private list \"{KeyListName.Value}\"";

    public Task<SignInChallenge> BeginSignInAsync(string? instance, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentNullException.ThrowIfNull(callbackUrl);
        return signIn.BeginAsync(instance, callbackUrl, cancellationToken);
    }

    public SignInCallback ReadCallback(IReadOnlyDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var state = NonEmpty(query, "state");
        if (NonEmpty(query, "error") is { } error)
        {
            // RFC 6749 §4.1.2.1: access_denied is the user saying no; any other error is no callback we can use.
            return error == "access_denied" ? new SignInCallback(state, null, Denied: true) : new SignInCallback(null, null, Denied: false);
        }

        return state is not null && NonEmpty(query, "code") is { } code
            ? new SignInCallback(state, code, Denied: false)
            : new SignInCallback(null, null, Denied: false);
    }

    public async Task<SignedInAccount> CompleteSignInAsync(string state, string secret, string verifier, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var started = MastodonSignInSecret.From(secret);
        var (token, app) = await signIn.RedeemAsync(started, verifier, callbackUrl, cancellationToken);

        const string Route = "GET /api/v1/accounts/verify_credentials";
        var answer = await http.SendAsync(HttpMethod.Get, Route, Url(started.Instance, "api/v1/accounts/verify_credentials"), token, cancellationToken);
        var me = MastodonHttp.Parse<MastodonAccountJson>(answer, Route);
        if (me is not { Id.Length: > 0, Username.Length: > 0 })
        {
            throw MastodonHttp.Malformed(Route);
        }

        // The user's own acct has no domain: the full handle is username@instance.
        var access = new MastodonAccess(started.Instance, me.Id, token, app.ClientId);
        return new SignedInAccount(
            new ProviderAccount(started.Instance, me.Id), $"{me.Username}@{started.Instance}", NullIfEmpty(me.DisplayName), access.ToAccess());
    }

    public ProviderAccess FromLegacyColumns(string providerUserId, string token, string? tokenSecret) =>
        throw new NotSupportedException("Mastodon users came after migration 0005: none has legacy token columns.");

    public Task RevokeAsync(ProviderAccess access, CancellationToken cancellationToken) =>
        signIn.RevokeAsync(MastodonAccess.From(access), cancellationToken);

    public async Task<KeySlotContent?> ReadKeySlotAsync(ProviderAccess access, CancellationToken cancellationToken)
    {
        const string Route = "GET /api/v1/lists";
        var user = MastodonAccess.From(access);

        // All of the user's lists in one answer: Mastodon does not paginate lists (50 at most).
        var answer = await http.SendAsync(HttpMethod.Get, Route, Url(user.Instance, "api/v1/lists"), user.Token, cancellationToken);
        foreach (var list in MastodonHttp.Parse<List<MastodonListJson>>(answer, Route))
        {
            if (list is not { Id.Length: > 0, Title: not null })
            {
                throw MastodonHttp.Malformed(Route);
            }

            if (list.Title.StartsWith(KeyListName.Value, StringComparison.Ordinal))
            {
                var text = list.Title[KeyListName.Value.Length..];
                return new KeySlotContent(list.Id, text.StartsWith(' ') ? text[1..] : text);
            }
        }

        return null;
    }

    public async Task<string> WriteKeySlotAsync(ProviderAccess access, string? slotId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.EnumerateRunes().Count() > KeySlotCapacity)
        {
            throw new ArgumentException($"The key slot holds {KeySlotCapacity} code points.", nameof(text));
        }

        var user = MastodonAccess.From(access);
        var title = KeySlotPrefix + text;
        if (slotId is not null)
        {
            const string UpdateRoute = "PUT /api/v1/lists/{id}";
            var updated = await http.SendAsync(
                HttpMethod.Put, UpdateRoute, Url(user.Instance, "api/v1/lists/" + Uri.EscapeDataString(slotId)), user.Token, cancellationToken,
                new FormUrlEncodedContent([new("title", title)]));
            return MastodonHttp.Parse<MastodonListJson>(updated, UpdateRoute).Id == slotId ? slotId : throw MastodonHttp.Malformed(UpdateRoute);
        }

        // replies_policy none and not exclusive, and no members: the list changes nothing on any timeline.
        const string Route = "POST /api/v1/lists";
        var answer = await http.SendAsync(
            HttpMethod.Post, Route, Url(user.Instance, "api/v1/lists"), user.Token, cancellationToken,
            new FormUrlEncodedContent([new("title", title), new("replies_policy", "none"), new("exclusive", "false")]),
            HttpStatusCode.UnprocessableEntity);
        if (answer.Status == HttpStatusCode.UnprocessableEntity)
        {
            // The error text follows the instance's locale; where it is not the English one, count the lists instead.
            var full = MastodonHttp.ErrorOf(answer)?.Contains("maximum number of lists", StringComparison.OrdinalIgnoreCase) == true
                || await CountListsAsync(user, cancellationToken) >= MaxLists;
            throw full
                ? new ProviderException(ProviderFailure.NoRoom, $"Mastodon {Route} answered 422: the account already has the most lists Mastodon allows ({MaxLists})")
                : http.Failure(Route, answer);
        }

        return MastodonHttp.Parse<MastodonListJson>(answer, Route).Id is { Length: > 0 } id ? id : throw MastodonHttp.Malformed(Route);
    }

    public async Task DeleteKeySlotAsync(ProviderAccess access, string slotId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(slotId);
        var user = MastodonAccess.From(access);

        // 404: the user (or an earlier attempt of ours) already deleted it, which is the outcome we want.
        await http.SendAsync(
            HttpMethod.Delete, "DELETE /api/v1/lists/{id}", Url(user.Instance, "api/v1/lists/" + Uri.EscapeDataString(slotId)), user.Token, cancellationToken,
            null, HttpStatusCode.NotFound);
    }

    public async Task<RelationPage> GetRelationPageAsync(ProviderAccess access, Relation relation, string? cursor, CancellationToken cancellationToken)
    {
        var user = MastodonAccess.From(access);
        var (route, path) = relation switch
        {
            Relation.Blocked => ("GET /api/v1/blocks", "api/v1/blocks"),
            Relation.Muted => ("GET /api/v1/mutes", "api/v1/mutes"),
            Relation.Following => ("GET /api/v1/accounts/{id}/following", $"api/v1/accounts/{Uri.EscapeDataString(user.AccountId)}/following"),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Unknown relation."),
        };
        var first = Url(user.Instance, path + "?limit=" + RelationPageSize);
        var url = cursor is null
            ? first
            : MastodonCursor.Resolve(cursor, first) ?? throw new ArgumentException("The cursor does not continue this relation.", nameof(cursor));
        var answer = await http.SendAsync(HttpMethod.Get, route, url, user.Token, cancellationToken);
        var accounts = MastodonHttp.Parse<List<MastodonAccountJson>>(answer, route).Select(account => ToProfile(account, user.Instance, route)).ToList();
        return new RelationPage(accounts, NextCursor(answer, url, route), answer.RateLimit);
    }

    public async Task<ProviderProfile?> LookupAsync(ProviderAccess access, string handle, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(handle);
        const string Route = "GET /api/v1/accounts/lookup";
        var user = MastodonAccess.From(access);

        // The instance names its own accounts without a domain.
        var acct = handle.TrimStart('@');
        if (acct.EndsWith("@" + user.Instance, StringComparison.OrdinalIgnoreCase))
        {
            acct = acct[..^(user.Instance.Length + 1)];
        }

        var answer = await http.SendAsync(
            HttpMethod.Get, Route, Url(user.Instance, "api/v1/accounts/lookup?acct=" + Uri.EscapeDataString(acct)), user.Token, cancellationToken,
            null, HttpStatusCode.NotFound);
        return answer.Status == HttpStatusCode.NotFound ? null : ToProfile(MastodonHttp.Parse<MastodonAccountJson>(answer, Route), user.Instance, Route);
    }

    public async Task<RelationSnapshot?> ActAsync(ProviderAccess access, string accountId, AccountAction action, TimeSpan? muteDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var verb = AccountActionNames.Name(action);
        if (!Info.Supports(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action.");
        }

        if (muteDuration is { } duration && (action != AccountAction.Mute || duration < TimeSpan.Zero))
        {
            throw new ArgumentException("Only a mute takes a duration, and it cannot be negative.", nameof(muteDuration));
        }

        var user = MastodonAccess.From(access);

        // duration 0 is an indefinite mute; notifications are muted too, as Mastodon's own default.
        HttpContent? form = action == AccountAction.Mute
            ? new FormUrlEncodedContent([new("duration", ((long)(muteDuration?.TotalSeconds ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture))])
            : null;
        var route = $"POST /api/v1/accounts/{{id}}/{verb}";
        var answer = await http.SendAsync(
            HttpMethod.Post, route, Url(user.Instance, $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/{verb}"), user.Token, cancellationToken, form);
        var relationship = MastodonHttp.Parse<MastodonRelationshipJson>(answer, route);
        if (relationship.Id is not { Length: > 0 })
        {
            throw MastodonHttp.Malformed(route);
        }

        // Servers before 4.6 send no muting_expires_at: then the duration asked for is the best we know.
        return relationship is { Blocking: { } blocking, Muting: { } muting, Following: { } following }
            ? new RelationSnapshot(blocking, muting, following, muting ? relationship.MutingExpiresAt ?? ExpiryOf(muteDuration) : null)
            : null;
    }

    private DateTimeOffset? ExpiryOf(TimeSpan? muteDuration) =>
        muteDuration is { } duration && duration > TimeSpan.Zero ? time.GetUtcNow() + duration : null;

    public async Task<IReadOnlyList<ProviderNote>> ReadNotesAsync(ProviderAccess access, IReadOnlyList<string> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        const string Route = "GET /api/v1/accounts/relationships";
        var user = MastodonAccess.From(access);
        var notes = new List<ProviderNote>();
        foreach (var batch in accountIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Chunk(RelationshipBatch))
        {
            var query = string.Join('&', batch.Select(id => "id[]=" + Uri.EscapeDataString(id)));
            var answer = await http.SendAsync(HttpMethod.Get, Route, Url(user.Instance, "api/v1/accounts/relationships?" + query), user.Token, cancellationToken);
            foreach (var relationship in MastodonHttp.Parse<List<MastodonRelationshipJson>>(answer, Route))
            {
                if (relationship is not { Id.Length: > 0 })
                {
                    throw MastodonHttp.Malformed(Route);
                }

                // Only ids we asked about: an instance must not slip in notes on accounts we never named.
                if (!string.IsNullOrWhiteSpace(relationship.Note) && batch.Contains(relationship.Id, StringComparer.Ordinal))
                {
                    notes.Add(new ProviderNote(relationship.Id, relationship.Note));
                }
            }
        }

        return notes;
    }

    private async Task<int> CountListsAsync(MastodonAccess user, CancellationToken cancellationToken)
    {
        const string Route = "GET /api/v1/lists";
        var answer = await http.SendAsync(HttpMethod.Get, Route, Url(user.Instance, "api/v1/lists"), user.Token, cancellationToken);
        return MastodonHttp.Parse<List<MastodonListJson>>(answer, Route).Count;
    }

    private Uri Url(string instance, string pathAndQuery) => new(http.Options.BaseUrl(instance), pathAndQuery);

    /// <summary>The cursor of the rel="next" URL, resolved against the request; an instance pointing it anywhere else answered nonsense.</summary>
    private static string? NextCursor(MastodonAnswer answer, Uri requestUrl, string route)
    {
        if (!LinkHeader.TryFindTarget(answer.Links, "next", out var target))
        {
            throw MastodonHttp.Malformed(route);
        }

        if (target is null)
        {
            return null;
        }

        return Uri.TryCreate(requestUrl, target, out var next) && MastodonCursor.From(next, requestUrl) is { } continuing
            ? continuing
            : throw new ProviderException(ProviderFailure.Unavailable, $"Mastodon {route} answered a next page elsewhere than this route");
    }

    private static ProviderProfile ToProfile(MastodonAccountJson account, string instance, string route)
    {
        if (account is not { Id.Length: > 0, Acct.Length: > 0 })
        {
            throw MastodonHttp.Malformed(route);
        }

        return new ProviderProfile(
            account.Id,
            Qualified(account.Acct, instance),
            NullIfEmpty(account.DisplayName),
            WebUrl(account.Avatar),
            WebUrl(account.Url),
            account.Moved?.Acct is { Length: > 0 } moved ? Qualified(moved, instance) : null,
            account.MuteExpiresAt);
    }

    /// <summary>acct is <c>name@domain</c> for remote accounts and just <c>name</c> for the instance's own.</summary>
    private static string Qualified(string acct, string instance) => acct.Contains('@', StringComparison.Ordinal) ? acct : $"{acct}@{instance}";

    /// <summary>Only http(s) URLs: an instance's text is shown as a link, and javascript: or data: must never be one.</summary>
    private static Uri? WebUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? NonEmpty(IReadOnlyDictionary<string, string?> query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
