using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reasonable.Api.Hosting;
using Reasonable.Api.Providers;
using Reasonable.Api.Providers.X;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Sandbox;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Providers;

/// <summary>XProvider against the real sandbox over real HTTP: sign-in, profile, key list, relations and failures.</summary>
[Collection(SandboxTests.Name)]
public sealed class XProviderTests(XSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedData.AliceId;
    private const string Bob = SeedData.BobId;

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
        var challenge = await provider.BeginSignInAsync(null, Callback, CancellationToken.None);

        Assert.Equal(x.Url("/oauth/authenticate?oauth_token=" + Uri.EscapeDataString(challenge.State)), challenge.AuthorizeUrl);
        Assert.NotEqual(challenge.State, challenge.Secret);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "approve"));
        Assert.Equal(challenge.State, callback.State);
        Assert.False(callback.Denied);

        var signedIn = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);
        Assert.Equal(new ProviderAccount(null, Alice), signedIn.Account);
        Assert.Equal("alice", signedIn.Handle);
        var (token, secret) = TokenPair(signedIn.Access);
        Assert.Matches(XSandboxClient.AccessTokenPattern(), token);
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.DoesNotContain(token, signedIn.Access.ToString(), StringComparison.Ordinal);

        var profile = await provider.GetProfileAsync(signedIn.Access, CancellationToken.None);
        Assert.Equal(new ProviderProfile(Alice, "alice", "Alice Ames", x.Url($"/avatars/{Alice}.svg"), new Uri("https://x.com/alice")), profile);
    }

    [Fact]
    public async Task ReadCallback_DeniedConsent_IsDeniedWithTheRequestTokenAsState()
    {
        var challenge = await provider.BeginSignInAsync(null, Callback, CancellationToken.None);

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
        var challenge = await provider.BeginSignInAsync(null, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "approve"));
        await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        Assert.Equal("X POST /oauth/access_token answered 401", failure.Message);
    }

    [Fact]
    public async Task CompleteSignIn_WrongVerifier_IsRevoked()
    {
        var challenge = await provider.BeginSignInAsync(null, Callback, CancellationToken.None);
        await ConsentAsync(challenge, Alice, "approve");

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, "not-the-verifier", Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
    }

    [Fact]
    public async Task BeginSignIn_WrongConsumerSecret_IsRevoked()
    {
        var wrong = Provider(Options(consumerSecret: "wrong"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => wrong.BeginSignInAsync(null, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        Assert.DoesNotContain("wrong", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySlot_WriteReadRewriteDelete_RoundTripsTheText()
    {
        var alice = await SignInAsync(Alice);
        Assert.Null(await provider.ReadKeySlotAsync(alice, CancellationToken.None)); // her seeded lists have other names

        var id = await provider.WriteKeySlotAsync(alice, null, KeyDescription, CancellationToken.None);
        Assert.Equal(new KeySlotContent(id, KeyDescription), await provider.ReadKeySlotAsync(alice, CancellationToken.None));
        var stored = await x.GetJsonAsync($"/2/lists/{id}?list.fields=private,description", Sign(alice));
        Assert.Equal(KeyListName.Value, stored.GetProperty("data").GetProperty("name").GetString());
        Assert.True(stored.GetProperty("data").GetProperty("private").GetBoolean(), "the key list must be private");

        Assert.Equal(id, await provider.WriteKeySlotAsync(alice, id, "rotated 𓀃", CancellationToken.None));
        Assert.Equal(new KeySlotContent(id, "rotated 𓀃"), await provider.ReadKeySlotAsync(alice, CancellationToken.None));

        await provider.DeleteKeySlotAsync(alice, id, CancellationToken.None);
        Assert.Null(await provider.ReadKeySlotAsync(alice, CancellationToken.None));

        // Deleting again (or an id that never existed) is the outcome the caller wanted: no exception.
        await provider.DeleteKeySlotAsync(alice, id, CancellationToken.None);
        await provider.DeleteKeySlotAsync(alice, "1999999999999999999", CancellationToken.None);
    }

    [Fact]
    public void KeySlot_HoldsXsHundredCodePoints()
    {
        Assert.Equal(100, provider.KeySlotCapacity);
        Assert.Contains(KeyListName.Value, provider.KeySlotName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySlotWrites_ToAnotherUsersList_AreRejected()
    {
        var alice = await SignInAsync(Alice);
        var bobsList = SeedData.Lists.Single(list => list.OwnerId == Bob).Id;

        var update = await Assert.ThrowsAsync<ProviderException>(
            () => provider.WriteKeySlotAsync(alice, bobsList, KeyDescription, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<ProviderException>(() => provider.DeleteKeySlotAsync(alice, bobsList, CancellationToken.None));

        Assert.Equal((ProviderFailure.Rejected, "X PUT /2/lists/{id} answered 403"), (update.Failure, update.Message));
        Assert.Equal((ProviderFailure.Rejected, "X DELETE /2/lists/{id} answered 403"), (delete.Failure, delete.Message));
        AssertRedacted(alice, update, delete);
    }

    [Fact]
    public async Task KeySlot_OfAnotherUser_IsInvisible()
    {
        var alice = await SignInAsync(Alice);
        var bob = await SignInAsync(Bob);
        await provider.WriteKeySlotAsync(alice, null, KeyDescription, CancellationToken.None);

        Assert.Null(await provider.ReadKeySlotAsync(bob, CancellationToken.None));
        Assert.NotNull(await provider.ReadKeySlotAsync(alice, CancellationToken.None));
    }

    [Fact]
    public async Task ReadKeySlot_FollowsNextTokenPastTheFirstPage()
    {
        var alice = await SignInAsync(Alice);
        for (var i = 0; i < 100; i++)
        {
            using var created = await x.SendAsync(
                HttpMethod.Post, "/2/lists", Sign(alice), JsonContent.Create(new { name = $"Filler {i:D3}", description = "", @private = true }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var id = await provider.WriteKeySlotAsync(alice, null, KeyDescription, CancellationToken.None);

        // The key list is the newest of 103 lists; whichever order X uses, reading must page until it is found.
        var firstPage = await x.GetJsonAsync($"/2/users/{Alice}/owned_lists?max_results=100", Sign(alice));
        Assert.True(firstPage.GetProperty("meta").TryGetProperty("next_token", out _), "103 lists should need a second page");
        Assert.Equal(id, (await provider.ReadKeySlotAsync(alice, CancellationToken.None))?.Id);
    }

    [Theory]
    [InlineData(Relation.Blocked, RelationKind.Blocking, 15)]
    [InlineData(Relation.Muted, RelationKind.Muting, 15)]
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
            var page = await provider.GetRelationPageAsync(alice, relation, cursor, CancellationToken.None);
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

        var first = await provider.GetRelationPageAsync(bulk, Relation.Blocked, null, CancellationToken.None);
        var second = await provider.GetRelationPageAsync(bulk, Relation.Blocked, first.NextCursor, CancellationToken.None);

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

        var page = await provider.GetRelationPageAsync(dave, Relation.Blocked, null, CancellationToken.None);

        Assert.Empty(page.Accounts);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Relations_OfAnotherUser_AreRejected()
    {
        var bob = await SignInAsync(Bob);
        var (token, secret) = TokenPair(bob);
        var bobAsAlice = new ProviderAccess(JsonSerializer.Serialize(new { userId = Alice, token, secret }));

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(bobAsAlice, Relation.Blocked, null, CancellationToken.None));

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
            () => provider.GetRelationPageAsync(alice, Relation.Muted, null, CancellationToken.None));

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
            () => provider.GetRelationPageAsync(alice, Relation.Blocked, null, CancellationToken.None));

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
            await provider.GetRelationPageAsync(alice, Relation.Muted, null, CancellationToken.None);
        }

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.GetRelationPageAsync(alice, Relation.Muted, null, CancellationToken.None));

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
            "/2/users/" => provider.GetRelationPageAsync(alice, Relation.Following, null, CancellationToken.None),
            _ => provider.WriteKeySlotAsync(alice, null, KeyDescription, CancellationToken.None),
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

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.BeginSignInAsync(null, Callback, CancellationToken.None));

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
        var port = LoopbackPorts.Free();
        var nowhere = Provider(new XOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/"), ConsumerKey = "k", ConsumerSecret = "s" });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => nowhere.BeginSignInAsync(null, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.Equal("X POST /oauth/request_token could not be reached", failure.Message);
    }

    [Fact]
    public async Task AddXProvider_RegistersAWorkingTypedClient()
    {
        var services = new ServiceCollection().AddXProvider(Options());
        await using var container = services.BuildServiceProvider();

        var social = Assert.Single(container.GetServices<ISocialProvider>());
        var challenge = await social.BeginSignInAsync(null, Callback, CancellationToken.None);

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

    private XOptions Options(string consumerSecret = XSandboxProcess.ConsumerSecret, TimeSpan? timeout = null) => new()
    {
        BaseUrl = sandbox.BaseAddress,
        ConsumerKey = XSandboxProcess.ConsumerKey,
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
    private async Task<ProviderAccess> SignInAsync(string userId)
    {
        var challenge = await provider.BeginSignInAsync(null, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, userId, "approve"));
        var signedIn = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);
        Assert.Equal(userId, signedIn.Account.Id);
        return signedIn.Access;
    }

    /// <summary>The OAuth 1.0a token pair inside X's access blob, for signing by hand and checking redaction.</summary>
    private static (string Token, string Secret) TokenPair(ProviderAccess access)
    {
        using var blob = JsonDocument.Parse(access.Value);
        return (blob.RootElement.GetProperty("token").GetString()!, blob.RootElement.GetProperty("secret").GetString()!);
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

    private static OAuthCredentials Sign(ProviderAccess access)
    {
        var (token, secret) = TokenPair(access);
        return new(XSandboxProcess.ConsumerKey, XSandboxProcess.ConsumerSecret, token, secret);
    }

    private Task Arm(object fault) => x.ControlAsync(HttpMethod.Post, "/_sandbox/faults", fault);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build();

    /// <summary>A failure's message (and its inner messages) must name no credential, id or handle.</summary>
    private static void AssertRedacted(ProviderAccess access, params Exception[] failures)
    {
        var (token, tokenSecret) = TokenPair(access);
        foreach (var failure in failures)
        {
            var text = failure.ToString();
            foreach (var secret in new[] { token, tokenSecret, XSandboxProcess.ConsumerSecret, Alice, "alice", KeyDescription })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The failure text leaks a secret or user data: {failure.Message}");
            }
        }
    }
}
