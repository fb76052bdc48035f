using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.OAuth1;

namespace Reasonable.Api.Providers.X;

/// <summary>
/// X over OAuth 1.0a: "Sign in with X" (three-legged), the v2 profile, blocks, mutes and follows, and the private list
/// that carries the user's key. The client's pipeline holds an <see cref="OAuthSigningHandler"/>; each request carries
/// its own credentials, so one client serves every user. Failure messages name the route template and the status only:
/// ids, handles, list texts and bodies are user data, tokens and secrets are credentials.
/// </summary>
public sealed class XProvider(HttpClient http, XOptions options, TimeProvider timeProvider) : ISocialProvider
{
    // X's maximum page sizes: 1000 for blocking/muting/following, 100 for owned_lists.
    private const string RelationPageSize = "1000";
    private const string OwnedListsPageSize = "100";

    // X documents 15-minute windows; used when a 429 comes without x-rate-limit-reset.
    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public string Name => "x";

    public ProviderInfo Info { get; } = new(
        "X",
        NeedsInstance: false,
        Actions: [],
        MuteDurations: false,
        ActionsNote: "X's API lets only Enterprise apps block, so Reasonable cannot block, mute or follow on X for you: act on X, then sync and write the reason here.");

    /// <summary>X ids are unsigned 64-bit numbers written in decimal: 1 to 19 digits.</summary>
    public bool IsValidAccountId(string id) => IsAccountId(id);

    /// <summary>X ids are 1 to 19 digits (a 64-bit number).</summary>
    public static bool IsAccountId(string id) => id is { Length: >= 1 and <= 19 } && id.All(char.IsAsciiDigit);

    /// <summary>X allows 100 code points in a list's description.</summary>
    public int KeySlotCapacity => 100;

    public string KeySlotName => $"the private list \"{KeyListName.Value}\"";

    private OAuthCredentials App => new(options.ConsumerKey, options.ConsumerSecret);

    public async Task<SignInChallenge> BeginSignInAsync(string? instance, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        const string Route = "POST /oauth/request_token";
        var answer = await SendAsync(
            HttpMethod.Post, Route, "/oauth/request_token", App, cancellationToken,
            protocol: [new("oauth_callback", callbackUrl.AbsoluteUri)]);
        var form = ParseForm(answer, Route, "oauth_token", "oauth_token_secret");

        // RFC 5849 §2.1: without the confirmation the server ignored our callback (an OAuth 1.0 server, not 1.0a).
        if (!form.TryGetValue("oauth_callback_confirmed", out var confirmed) || confirmed != "true")
        {
            throw new ProviderException(ProviderFailure.Rejected, $"X {Route} did not confirm the callback URL");
        }

        var token = form["oauth_token"];
        var authorizeUrl = new Uri(options.BaseUrl, "/oauth/authenticate?oauth_token=" + Uri.EscapeDataString(token));
        return new SignInChallenge(authorizeUrl, token, form["oauth_token_secret"]);
    }

    public SignInCallback ReadCallback(IReadOnlyDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // A cancelled consent comes back as ?denied=<request token>; it wins over anything else in the query.
        if (NonEmpty(query, "denied") is { } denied)
        {
            return new SignInCallback(denied, null, Denied: true);
        }

        return NonEmpty(query, "oauth_token") is { } token && NonEmpty(query, "oauth_verifier") is { } verifier
            ? new SignInCallback(token, verifier, Denied: false)
            : new SignInCallback(null, null, Denied: false);
    }

    public async Task<SignedInAccount> CompleteSignInAsync(string state, string secret, string verifier, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        const string Route = "POST /oauth/access_token";
        var requestToken = App with { Token = state, TokenSecret = secret };

        // The verifier goes in the form body, which the signing handler includes in the signature.
        var answer = await SendAsync(
            HttpMethod.Post, Route, "/oauth/access_token", requestToken, cancellationToken,
            content: new FormUrlEncodedContent([new("oauth_verifier", verifier)]));
        var form = ParseForm(answer, Route, "oauth_token", "oauth_token_secret", "user_id", "screen_name");
        var access = new XAccess(form["user_id"], form["oauth_token"], form["oauth_token_secret"]);
        return new SignedInAccount(new ProviderAccount(null, access.UserId), form["screen_name"], null, access.ToAccess());
    }

    public ProviderAccess FromLegacyColumns(string providerUserId, string token, string? tokenSecret) =>
        new XAccess(providerUserId, token, tokenSecret ?? throw new ArgumentException("X access needs the token secret.", nameof(tokenSecret))).ToAccess();

    /// <summary>The signed-in user's profile (GET /2/users/me).</summary>
    public async Task<ProviderProfile> GetProfileAsync(ProviderAccess access, CancellationToken cancellationToken)
    {
        const string Route = "GET /2/users/me";
        var answer = await SendAsync(
            HttpMethod.Get, Route, "/2/users/me?user.fields=profile_image_url", Signed(access), cancellationToken);
        return ToProfile(ParseJson<Envelope<XUser>>(answer, Route).Data, Route);
    }

    public async Task<KeySlotContent?> ReadKeySlotAsync(ProviderAccess access, CancellationToken cancellationToken)
    {
        const string Route = "GET /2/users/{id}/owned_lists";
        var x = XAccess.From(access);
        var signed = Signed(access);
        var path = $"/2/users/{Uri.EscapeDataString(x.UserId)}/owned_lists?list.fields=description,private&max_results={OwnedListsPageSize}";
        string? next = null;
        do
        {
            var answer = await SendAsync(HttpMethod.Get, Route, WithCursor(path, next), signed, cancellationToken);
            var page = ParseJson<Page<XList>>(answer, Route);
            foreach (var list in page.Data ?? [])
            {
                if (list is not { Id: { Length: > 0 } id, Name: { } listName })
                {
                    throw Malformed(Route);
                }

                if (string.Equals(listName, KeyListName.Value, StringComparison.Ordinal))
                {
                    return new KeySlotContent(id, list.Description ?? string.Empty);
                }
            }

            // A token that does not move on would loop until the rate limit stops us: treat it as nonsense.
            var previous = next;
            next = page.Meta?.NextToken;
            if (next is not null && next == previous)
            {
                throw Malformed(Route);
            }
        }
        while (next is not null);

        return null;
    }

    public async Task<string> WriteKeySlotAsync(ProviderAccess access, string? slotId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = JsonContent.Create(new ListBody(KeyListName.Value, text, Private: true), options: Json);
        if (slotId is null)
        {
            const string CreateRoute = "POST /2/lists";
            var created = await SendAsync(HttpMethod.Post, CreateRoute, "/2/lists", Signed(access), cancellationToken, content: body);
            return ParseJson<Envelope<XList>>(created, CreateRoute).Data is { Id: { Length: > 0 } id } ? id : throw Malformed(CreateRoute);
        }

        const string Route = "PUT /2/lists/{id}";
        var answer = await SendAsync(HttpMethod.Put, Route, "/2/lists/" + Uri.EscapeDataString(slotId), Signed(access), cancellationToken, content: body);
        return ParseJson<Envelope<ListChange>>(answer, Route).Data is { Updated: true } ? slotId : throw Malformed(Route);
    }

    public async Task DeleteKeySlotAsync(ProviderAccess access, string slotId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(slotId);
        const string Route = "DELETE /2/lists/{id}";

        // 404: the user (or an earlier attempt of ours) already deleted it, which is the outcome we want.
        var answer = await SendAsync(
            HttpMethod.Delete, Route, "/2/lists/" + Uri.EscapeDataString(slotId), Signed(access), cancellationToken,
            tolerated: HttpStatusCode.NotFound);
        if (answer.Status != HttpStatusCode.NotFound && ParseJson<Envelope<ListChange>>(answer, Route).Data is not { Deleted: true })
        {
            throw Malformed(Route);
        }
    }

    public async Task<RelationPage> GetRelationPageAsync(ProviderAccess access, Relation relation, string? cursor, CancellationToken cancellationToken)
    {
        var segment = relation switch
        {
            Relation.Blocked => "blocking",
            Relation.Muted => "muting",
            Relation.Following => "following",
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Unknown relation."),
        };
        var route = $"GET /2/users/{{id}}/{segment}";
        var userId = XAccess.From(access).UserId;
        var path = $"/2/users/{Uri.EscapeDataString(userId)}/{segment}?max_results={RelationPageSize}&user.fields=profile_image_url";
        var answer = await SendAsync(HttpMethod.Get, route, WithCursor(path, cursor), Signed(access), cancellationToken);
        var page = ParseJson<Page<XUser>>(answer, route);
        var accounts = (page.Data ?? []).Select(user => ToProfile(user, route)).ToList();
        return new RelationPage(accounts, page.Meta?.NextToken, answer.RateLimit);
    }

    public Task<ProviderProfile?> LookupAsync(ProviderAccess access, string handle, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Info.ActionsNote);

    public Task<RelationSnapshot?> ActAsync(ProviderAccess access, string accountId, AccountAction action, TimeSpan? muteDuration, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Info.ActionsNote);

    public async Task RevokeAsync(ProviderAccess access, CancellationToken cancellationToken)
    {
        // 401: the token is already dead (the user removed the app, or an earlier revoke went through).
        await SendAsync(
            HttpMethod.Post, "POST /1.1/oauth/invalidate_token", "/1.1/oauth/invalidate_token", Signed(access), cancellationToken,
            tolerated: HttpStatusCode.Unauthorized);
    }

    private OAuthCredentials Signed(ProviderAccess access)
    {
        var x = XAccess.From(access);
        return App with { Token = x.Token, TokenSecret = x.Secret };
    }

    /// <summary>
    /// Sends one signed request and reads the whole answer within <see cref="XOptions.Timeout"/>. Answers other than
    /// 2xx (and <paramref name="tolerated"/>) become a <see cref="ProviderException"/> naming only <paramref name="route"/>.
    /// </summary>
    private async Task<XAnswer> SendAsync(
        HttpMethod method,
        string route,
        string pathAndQuery,
        OAuthCredentials credentials,
        CancellationToken cancellationToken,
        HttpContent? content = null,
        IReadOnlyList<OAuthParameter>? protocol = null,
        HttpStatusCode? tolerated = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.BaseUrl, pathAndQuery)) { Content = content };
        request.Options.Set(OAuthSigningHandler.CredentialsOption, credentials);
        if (protocol is not null)
        {
            request.Options.Set(OAuthSigningHandler.ProtocolParametersOption, protocol);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        XAnswer answer;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            answer = new XAnswer(response.StatusCode, body, ReadRateLimit(response.Headers), ReadReset(response.Headers));
        }
        catch (HttpRequestException exception)
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"X {route} could not be reached", innerException: exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline or HttpClient.Timeout, not the caller giving up: X was too slow.
            throw new ProviderException(ProviderFailure.Unavailable, $"X {route} timed out", innerException: exception);
        }

        var status = (int)answer.Status;
        if (status is >= 200 and < 300 || answer.Status == tolerated)
        {
            return answer;
        }

        var message = $"X {route} answered {status.ToString(CultureInfo.InvariantCulture)}";
        throw ProviderException.ForStatus(answer.Status, message, answer.ResetsAt ?? timeProvider.GetUtcNow() + RateLimitWindow);
    }

    private static string WithCursor(string pathAndQuery, string? cursor) =>
        string.IsNullOrEmpty(cursor) ? pathAndQuery : pathAndQuery + "&pagination_token=" + Uri.EscapeDataString(cursor);

    private static string? NonEmpty(IReadOnlyDictionary<string, string?> query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>The oauth/* answers are form-encoded (whatever their content type says); every named key must be there.</summary>
    private static Dictionary<string, string> ParseForm(XAnswer answer, string route, params string[] required)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in OAuthSignatureBase.ParseQuery(answer.Body))
        {
            form.TryAdd(parameter.Name, parameter.Value);
        }

        return required.All(name => form.TryGetValue(name, out var value) && value.Length > 0) ? form : throw Malformed(route);
    }

    private static T ParseJson<T>(XAnswer answer, string route)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, Json) ?? throw Malformed(route);
        }
        catch (JsonException)
        {
            // Not passed on as the inner exception: its message can quote part of the body.
            throw Malformed(route);
        }
    }

    private static ProviderException Malformed(string route) =>
        new(ProviderFailure.Unavailable, $"X {route} answered a malformed body");

    private static ProviderProfile ToProfile(XUser? user, string route) =>
        user is { Id: { Length: > 0 } id, Username: { Length: > 0 } username }
            ? new ProviderProfile(
                id, username, user.Name, Uri.TryCreate(user.ProfileImageUrl, UriKind.Absolute, out var avatar) ? avatar : null,
                new Uri("https://x.com/" + Uri.EscapeDataString(username)))
            : throw Malformed(route);

    private static RateLimitStatus? ReadRateLimit(HttpResponseHeaders headers) =>
        HeaderNumber(headers, "x-rate-limit-limit") is { } limit and <= int.MaxValue
        && HeaderNumber(headers, "x-rate-limit-remaining") is { } remaining and <= int.MaxValue
        && ReadReset(headers) is { } reset
            ? new RateLimitStatus((int)limit, (int)remaining, reset)
            : null;

    private static DateTimeOffset? ReadReset(HttpResponseHeaders headers) =>
        HeaderNumber(headers, "x-rate-limit-reset") is { } seconds && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static long? HeaderNumber(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private sealed record XAnswer(HttpStatusCode Status, string Body, RateLimitStatus? RateLimit, DateTimeOffset? ResetsAt);

    private sealed record Envelope<T>(T? Data);

    private sealed record Page<T>(IReadOnlyList<T>? Data, PageMeta? Meta);

    private sealed record PageMeta(string? NextToken);

    private sealed record XUser(string? Id, string? Username, string? Name, string? ProfileImageUrl);

    private sealed record XList(string? Id, string? Name, string? Description, bool? Private);

    private sealed record ListChange(bool? Updated, bool? Deleted);

    private sealed record ListBody(string Name, string Description, bool Private);
}
