using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reasonable.Api.Hosting;
using Reasonable.Api.Providers;
using Reasonable.Api.Providers.X;
using Reasonable.OAuth1;
using Reasonable.Sandbox.State;
using Reasonable.Tests.Sandbox;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Providers;

/// <summary>XProvider against the real sandbox over real HTTP: sign-in, profile, key list, relations and failures.</summary>
[Collection(SandboxTests.Name)]
public sealed class XProviderTests(SandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedData.AliceId;
    private const string Bob = SeedData.BobId;
    private const string KeyListName = "Reasonable key";

    // Astral code points (as Base65536 output has) and an emoji sequence must survive the JSON round trip.
    private const string KeyDescription = "Don't change! ➡️ http://x/k 𓀀𓀁𓀂";

    private static readonly Uri Callback = new(XSandboxClient.Callback);

    private readonly XSandboxClient x = new(sandbox);
    private readonly List<HttpClient> clients = [];
    private XProvider provider = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        provider = Provider();
    }

    public Task DisposeAsync()
    {
        clients.ForEach(client => client.Dispose());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SignIn_ApprovedConsent_GrantsAliceAndHerProfile()
    {
        var challenge = await provider.BeginSignInAsync(Callback, CancellationToken.None);

        Assert.Equal(x.Url("/oauth/authenticate?oauth_token=" + Uri.EscapeDataString(challenge.State)), challenge.AuthorizeUrl);
        Assert.NotEqual(challenge.State, challenge.Secret);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "approve"));
        Assert.Equal(challenge.State, callback.State);
        Assert.False(callback.Denied);

        var grant = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, CancellationToken.None);
        Assert.Equal(Alice, grant.ProviderUserId);
        Assert.Equal("alice", grant.Handle);
        Assert.Matches(XSandboxClient.AccessTokenPattern(), grant.Credentials.Token);
        Assert.False(string.IsNullOrEmpty(grant.Credentials.Secret));

        var profile = await provider.GetProfileAsync(grant.Credentials, CancellationToken.None);
        Assert.Equal(new ProviderProfile(Alice, "alice", "Alice Ames", x.Url($"/avatars/{Alice}.svg")), profile);
    }

    [Fact]
    public async Task ReadCallback_DeniedConsent_IsDeniedWithTheRequestTokenAsState()
    {
        var challenge = await provider.BeginSignInAsync(Callback, CancellationToken.None);

        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "deny"));

        Assert.Equal(new SignInCallback(challenge.State, null, Denied: true), callback);
    }

    [Fact]
    public void ReadCallback_DeniedWinsOverAToken()
    {
        var callback = provider.ReadCallback(Query("denied=req&oauth_token=req&oauth_verifier=v"));

        Assert.Equal(new SignInCallback("req", null, Denied: true), callback);
    }

    [Theory]
    [InlineData("code=abc&state=xyz")]
    [InlineData("oauth_token=abc")]
    [InlineData("oauth_verifier=abc")]
    [InlineData("oauth_token=&oauth_verifier=abc")]
    [InlineData("")]
    public void ReadCallback_NotAnXCallback_HasNoState(string query)
    {
        var callback = provider.ReadCallback(Query(query));

        Assert.Equal(new SignInCallback(null, null, Denied: false), callback);
    }

    [Fact]
    public async Task CompleteSignIn_ReusedRequestToken_IsRevoked()
    {
        var challenge = await provider.BeginSignInAsync(Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "approve"));
        await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        Assert.Equal("X POST /oauth/access_token answered 401", failure.Message);
    }

    [Fact]
    public async Task CompleteSignIn_WrongVerifier_IsRevoked()
    {
        var challenge = await provider.BeginSignInAsync(Callback, CancellationToken.None);
        await ConsentAsync(challenge, Alice, "approve");

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, "not-the-verifier", CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
    }

    [Fact]
    public async Task BeginSignIn_WrongConsumerSecret_IsRevoked()
    {
        var wrong = Provider(Options(consumerSecret: "wrong"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => wrong.BeginSignInAsync(Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        Assert.DoesNotContain("wrong", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyList_CreateFindUpdateDelete_RoundTripsTheDescription()
    {
        var alice = await SignInAsync(Alice);
        Assert.Null(await provider.FindOwnListAsync(alice, Alice, KeyListName, CancellationToken.None));

        var id = await provider.CreatePrivateListAsync(alice, KeyListName, KeyDescription, CancellationToken.None);
        Assert.Equal(
            new ProviderList(id, KeyListName, KeyDescription, IsPrivate: true),
            await provider.FindOwnListAsync(alice, Alice, KeyListName, CancellationToken.None));

        await provider.UpdateListAsync(alice, id, "Reasonable key 2", "rotated 𓀃", CancellationToken.None);
        Assert.Null(await provider.FindOwnListAsync(alice, Alice, KeyListName, CancellationToken.None));
        Assert.Equal(
            new ProviderList(id, "Reasonable key 2", "rotated 𓀃", IsPrivate: true),
            await provider.FindOwnListAsync(alice, Alice, "Reasonable key 2", CancellationToken.None));

        await provider.DeleteListAsync(alice, id, CancellationToken.None);
        Assert.Null(await provider.FindOwnListAsync(alice, Alice, "Reasonable key 2", CancellationToken.None));

        // Deleting again (or an id that never existed) is the outcome the caller wanted: no exception.
        await provider.DeleteListAsync(alice, id, CancellationToken.None);
        await provider.DeleteListAsync(alice, "1999999999999999999", CancellationToken.None);
    }

    [Fact]
    public async Task ListWrites_ToAnotherUsersList_AreRejected()
    {
        var alice = await SignInAsync(Alice);
        var bobsList = SeedData.Lists.Single(list => list.OwnerId == Bob).Id;

        var update = await Assert.ThrowsAsync<ProviderException>(
            () => provider.UpdateListAsync(alice, bobsList, KeyListName, KeyDescription, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<ProviderException>(() => provider.DeleteListAsync(alice, bobsList, CancellationToken.None));

        Assert.Equal((ProviderFailure.Rejected, "X PUT /2/lists/{id} answered 403"), (update.Failure, update.Message));
        Assert.Equal((ProviderFailure.Rejected, "X DELETE /2/lists/{id} answered 403"), (delete.Failure, delete.Message));
        AssertRedacted(alice, update, delete);
    }

    [Fact]
    public async Task FindOwnList_MatchesTheNameExactly()
    {
        var alice = await SignInAsync(Alice);

        Assert.Null(await provider.FindOwnListAsync(alice, Alice, "friends", CancellationToken.None));
        Assert.Null(await provider.FindOwnListAsync(alice, Alice, "Friends ", CancellationToken.None));
        Assert.Equal(
            new ProviderList("1900000000000000001", "Friends", "People I actually know", IsPrivate: false),
            await provider.FindOwnListAsync(alice, Alice, "Friends", CancellationToken.None));
    }

    [Fact]
    public async Task FindOwnList_AnotherUsersPrivateList_IsInvisible()
    {
        var alice = await SignInAsync(Alice);
        var bob = await SignInAsync(Bob);
        await provider.CreatePrivateListAsync(alice, KeyListName, KeyDescription, CancellationToken.None);

        Assert.Null(await provider.FindOwnListAsync(bob, Alice, KeyListName, CancellationToken.None));
        Assert.Null(await provider.FindOwnListAsync(bob, Alice, "Secret plans", CancellationToken.None));
        Assert.Null(await provider.FindOwnListAsync(bob, Bob, KeyListName, CancellationToken.None));
        Assert.True((await provider.FindOwnListAsync(alice, Alice, "Secret plans", CancellationToken.None))?.IsPrivate);
    }

    [Fact]
    public async Task FindOwnList_FollowsNextTokenPastTheFirstPage()
    {
        var alice = await SignInAsync(Alice);
        for (var i = 0; i < 100; i++)
        {
            await provider.CreatePrivateListAsync(alice, $"Filler {i:D3}", "", CancellationToken.None);
        }

        // Whichever order X uses, some list of Alice's is not on the first page of 100; it must still be found.
        var firstPage = await x.GetJsonAsync($"/2/users/{Alice}/owned_lists?max_results=100", Sign(alice));
        Assert.True(firstPage.GetProperty("meta").TryGetProperty("next_token", out _), "102 lists should need a second page");
        var onFirstPage = firstPage.GetProperty("data").EnumerateArray().Select(list => list.GetProperty("name").GetString()).ToHashSet();
        var beyond = SeedData.Lists.Where(list => list.OwnerId == Alice).Select(list => list.Name).Concat(Enumerable.Range(0, 100).Select(i => $"Filler {i:D3}"))
            .First(name => !onFirstPage.Contains(name));

        var found = await provider.FindOwnListAsync(alice, Alice, beyond, CancellationToken.None);

        Assert.Equal(beyond, found?.Name);
    }

    [Theory]
    [InlineData(Relation.Blocking, RelationKind.Blocking, 15)]
    [InlineData(Relation.Muting, RelationKind.Muting, 15)]
    [InlineData(Relation.Following, RelationKind.Following, 300)]
    public async Task Relations_WalkedToTheEnd_AreExactlyTheSeededAccounts(Relation relation, RelationKind kind, int limit)
    {
        var alice = await SignInAsync(Alice);
        var seeded = SeedData.Relation(Alice, kind).Materialize();
        var before = DateTimeOffset.UtcNow;

        var accounts = new List<ProviderProfile>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await provider.GetRelationPageAsync(alice, Alice, relation, cursor, CancellationToken.None);
            accounts.AddRange(page.Accounts);
            cursor = page.NextCursor;
            pages++;
            Assert.NotNull(page.RateLimit);
            Assert.Equal(limit, page.RateLimit.Limit);
            Assert.Equal(limit - pages, page.RateLimit.Remaining);
            Assert.InRange(page.RateLimit.ResetsAt, before.AddMinutes(14), before.AddMinutes(16));
        }
        while (cursor is not null && pages < 10);

        Assert.Null(cursor);
        Assert.Equal(seeded.Count, accounts.Count);
        Assert.Equal(seeded.ToHashSet(), accounts.Select(a => a.Id).ToHashSet());
        Assert.All(accounts, account => Assert.NotNull(account.AvatarUrl));
        Assert.All(accounts, account => Assert.False(string.IsNullOrEmpty(account.Handle)));
    }

    [Fact]
    public async Task Relations_LongerThanOnePage_FollowTheCursor()
    {
        var bulk = await SignInAsync(SeedData.BulkBlockerId);

        var first = await provider.GetRelationPageAsync(bulk, SeedData.BulkBlockerId, Relation.Blocking, null, CancellationToken.None);
        var second = await provider.GetRelationPageAsync(bulk, SeedData.BulkBlockerId, Relation.Blocking, first.NextCursor, CancellationToken.None);

        Assert.Equal(1000, first.Accounts.Count);
        Assert.Equal(1000, second.Accounts.Count);
        Assert.NotNull(second.NextCursor);
        Assert.NotEqual(first.NextCursor, second.NextCursor);
        Assert.Equal(2000, first.Accounts.Concat(second.Accounts).Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task Relations_NoAccounts_IsAnEmptyLastPage()
    {
        var dave = await SignInAsync(SeedData.DaveId);

        var page = await provider.GetRelationPageAsync(dave, SeedData.DaveId, Relation.Blocking, null, CancellationToken.None);

        Assert.Empty(page.Accounts);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Relations_OfAnotherUser_AreRejected()
    {
        var bob = await SignInAsync(Bob);

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(bob, Alice, Relation.Blocking, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
        Assert.Equal("X GET /2/users/{id}/blocking answered 403", failure.Message);
    }

    [Fact]
    public async Task RevokedTokens_AreRevoked()
    {
        var alice = await SignInAsync(Alice);
        await x.ControlAsync(HttpMethod.Post, $"/_sandbox/users/{Alice}/revoke-tokens");

        var profile = await Assert.ThrowsAsync<ProviderException>(() => provider.GetProfileAsync(alice, CancellationToken.None));
        var page = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(alice, Alice, Relation.Muting, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, profile.Failure);
        Assert.Equal(ProviderFailure.Revoked, page.Failure);
        AssertRedacted(alice, profile, page);
    }

    [Fact]
    public async Task Revoke_KillsTheToken_AndIsIdempotent()
    {
        var alice = await SignInAsync(Alice);

        await provider.RevokeAsync(alice, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.GetProfileAsync(alice, CancellationToken.None));
        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        await provider.RevokeAsync(alice, CancellationToken.None);
    }

    [Fact]
    public async Task RateLimitFault_IsRateLimited_UntilTheResetHeader()
    {
        var alice = await SignInAsync(Alice);
        await Arm(new { path_prefix = "/2/users", kind = "rate_limit", reset_seconds = 120 });

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(alice, Alice, Relation.Blocking, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.RateLimited, failure.Failure);
        Assert.NotNull(failure.RetryAt);
        Assert.InRange((failure.RetryAt.Value - DateTimeOffset.UtcNow).TotalSeconds, 110, 121);
        Assert.Equal("X GET /2/users/{id}/blocking answered 429", failure.Message);
        AssertRedacted(alice, failure);
    }

    [Fact]
    public async Task RealRateLimit_IsRateLimited_AfterTheWindowIsUsedUp()
    {
        var alice = await SignInAsync(Alice);
        for (var i = 0; i < 15; i++)
        {
            await provider.GetRelationPageAsync(alice, Alice, Relation.Muting, null, CancellationToken.None);
        }

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(alice, Alice, Relation.Muting, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.RateLimited, failure.Failure);
        Assert.InRange(failure.RetryAt!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
    }

    [Theory]
    [InlineData("server_error", "/2/users/me", "X GET /2/users/me answered 503")]
    [InlineData("malformed", "/2/users/me", "X GET /2/users/me answered a malformed body")]
    [InlineData("empty", "/2/users/me", "X GET /2/users/me answered a malformed body")]
    [InlineData("malformed", "/2/users/", "X GET /2/users/{id}/following answered a malformed body")]
    [InlineData("empty", "/2/users/", "X GET /2/users/{id}/following answered a malformed body")]
    [InlineData("server_error", "/2/lists", "X POST /2/lists answered 503")]
    [InlineData("empty", "/2/lists", "X POST /2/lists answered a malformed body")]
    public async Task BrokenAnswers_AreUnavailable(string kind, string prefix, string message)
    {
        var alice = await SignInAsync(Alice);
        await Arm(new { path_prefix = prefix, kind });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => prefix switch
        {
            "/2/users/me" => provider.GetProfileAsync(alice, CancellationToken.None),
            "/2/users/" => provider.GetRelationPageAsync(alice, Alice, Relation.Following, null, CancellationToken.None),
            _ => provider.CreatePrivateListAsync(alice, KeyListName, KeyDescription, CancellationToken.None),
        });

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.Equal(message, failure.Message);
        AssertRedacted(alice, failure);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("empty")]
    [InlineData("server_error")]
    public async Task BrokenSignInAnswers_AreUnavailable(string kind)
    {
        await Arm(new { path_prefix = "/oauth/request_token", kind });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.BeginSignInAsync(Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
    }

    [Fact]
    public async Task SlowAnswer_PastTheTimeout_IsUnavailable()
    {
        var impatient = Provider(Options(timeout: TimeSpan.FromMilliseconds(300)));
        var alice = await SignInAsync(Alice);
        await Arm(new { path_prefix = "/2/users/me", kind = "slow", delay_ms = 3000 });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => impatient.GetProfileAsync(alice, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.Equal("X GET /2/users/me timed out", failure.Message);
    }

    [Fact]
    public async Task CallerCancellation_IsNotAProviderFailure()
    {
        var alice = await SignInAsync(Alice);
        await Arm(new { path_prefix = "/2/users/me", kind = "slow", delay_ms = 3000 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetProfileAsync(alice, cancel.Token));
    }

    [Fact]
    public async Task UnreachableX_IsUnavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var nowhere = Provider(new XOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/"), ConsumerKey = "k", ConsumerSecret = "s" });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => nowhere.BeginSignInAsync(Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.Equal("X POST /oauth/request_token could not be reached", failure.Message);
    }

    [Fact]
    public async Task AddXProvider_RegistersAWorkingTypedClient()
    {
        var services = new ServiceCollection().AddXProvider(Options());
        await using var container = services.BuildServiceProvider();

        var social = Assert.Single(container.GetServices<ISocialProvider>());
        var challenge = await social.BeginSignInAsync(Callback, CancellationToken.None);

        Assert.Equal("x", social.Name);
        Assert.IsType<XProvider>(social);
        Assert.False(string.IsNullOrEmpty(challenge.State));
    }

    [Fact]
    public void FromConfiguration_ReadsTheKeysAndDefaultsTheBaseUrl()
    {
        var options = XOptions.FromConfiguration(Configuration(("X_CONSUMER_KEY", "key"), ("X_CONSUMER_SECRET", "secret")));
        var sandboxed = XOptions.FromConfiguration(
            Configuration(("X_BASE_URL", "http://127.0.0.1:5181"), ("X_CONSUMER_KEY", "key"), ("X_CONSUMER_SECRET", "secret")));

        Assert.Equal(new Uri("https://api.x.com/"), options.BaseUrl);
        Assert.Equal(("key", "secret"), (options.ConsumerKey, options.ConsumerSecret));
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(new Uri("http://127.0.0.1:5181/"), sandboxed.BaseUrl);
    }

    [Theory]
    [InlineData(null, "secret", null)]
    [InlineData("key", " ", null)]
    [InlineData("key", "secret", "api.x.com")]
    public void FromConfiguration_RefusesMissingKeysOrABadUrl(string? key, string? secret, string? baseUrl)
    {
        var configuration = Configuration(("X_CONSUMER_KEY", key), ("X_CONSUMER_SECRET", secret), ("X_BASE_URL", baseUrl));

        var refused = Assert.Throws<StartupRefusedException>(() => XOptions.FromConfiguration(configuration));

        Assert.Contains(baseUrl is null ? "X_CONSUMER_KEY" : "X_BASE_URL", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    private XOptions Options(string consumerSecret = SandboxProcess.ConsumerSecret, TimeSpan? timeout = null) => new()
    {
        BaseUrl = sandbox.BaseAddress,
        ConsumerKey = SandboxProcess.ConsumerKey,
        ConsumerSecret = consumerSecret,
        Timeout = timeout ?? TimeSpan.FromSeconds(15),
    };

    /// <summary>XProvider over its own client, as the typed-client registration builds it: signing handler, no redirects.</summary>
    private XProvider Provider(XOptions? options = null)
    {
        var client = new HttpClient(new OAuthSigningHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }));
        clients.Add(client);
        return new XProvider(client, options ?? Options(), TimeProvider.System);
    }

    /// <summary>The whole sign-in through the provider and the sandbox's consent form.</summary>
    private async Task<ProviderCredentials> SignInAsync(string userId)
    {
        var challenge = await provider.BeginSignInAsync(Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, userId, "approve"));
        var grant = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, CancellationToken.None);
        Assert.Equal(userId, grant.ProviderUserId);
        return grant.Credentials;
    }

    /// <summary>Posts the consent form the authorize URL shows, as a browser would; returns the redirect's query.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> ConsentAsync(SignInChallenge challenge, string userId, string action)
    {
        using var consent = await x.SubmitConsentAsync(challenge.State, userId, action, page: "authenticate");
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var location = consent.Headers.Location!;
        Assert.StartsWith(XSandboxClient.Callback + "?", location.AbsoluteUri, StringComparison.Ordinal);
        return Query(location.Query);
    }

    private static Dictionary<string, string?> Query(string query) =>
        OAuthSignatureBase.ParseQuery(query).ToDictionary(p => p.Name, p => (string?)p.Value, StringComparer.Ordinal);

    private static OAuthCredentials Sign(ProviderCredentials credentials) =>
        new(SandboxProcess.ConsumerKey, SandboxProcess.ConsumerSecret, credentials.Token, credentials.Secret);

    private Task Arm(object fault) => x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", fault);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build();

    /// <summary>A failure's message (and its inner messages) must name no credential, id or handle.</summary>
    private static void AssertRedacted(ProviderCredentials credentials, params Exception[] failures)
    {
        foreach (var failure in failures)
        {
            var text = failure.ToString();
            foreach (var secret in new[] { credentials.Token, credentials.Secret!, SandboxProcess.ConsumerSecret, Alice, "alice", KeyDescription })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The failure text leaks a secret or user data: {failure.Message}");
            }
        }
    }
}
