using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Reasonable.Api.Data;
using Reasonable.Api.Hosting;
using Reasonable.Api.Providers;
using Reasonable.Api.Providers.Mastodon;
using Reasonable.Crypto;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Sandbox.Mastodon;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Providers;

/// <summary>MastodonProvider against the real Mastodon sandbox over real HTTP, its app registrations in real PostgreSQL.</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonProviderTests : IAsyncLifetime, IClassFixture<PostgresServer>
{
    private const string Fedi = MastodonSandboxProcess.FediDomain;
    private const string Social = MastodonSandboxProcess.SocialDomain;
    private const string Alice = SeedAccounts.AliceId;
    private const string Bob = SeedAccounts.BobId;
    private const string KeyText = "Don't change! ➡️ http://r/k 𓀀𓀁𓀂";

    private static readonly Uri Callback = new("http://127.0.0.1:9/api/auth/mastodon/callback");

    private readonly MastodonSandboxProcess sandbox;
    private readonly NpgsqlDataSource dataSource;
    private readonly MasterKeyRing ring = new([MasterKey.Generate()]);
    private readonly List<IDisposable> disposables = [];
    private MastodonProvider provider = null!;

    public MastodonProviderTests(MastodonSandboxProcess sandbox, PostgresServer postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        this.sandbox = sandbox;
        var connectionString = postgres.CreateDatabase();
        DatabaseMigrator.Migrate(connectionString);
        DapperSetup.Apply();
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        provider = Provider();
    }

    public async Task DisposeAsync()
    {
        disposables.ForEach(d => d.Dispose());
        await dataSource.DisposeAsync();
    }

    [Fact]
    public void Info_DescribesMastodon()
    {
        Assert.Equal("mastodon", provider.Name);
        Assert.Equal(("Mastodon", true, true, null), (provider.Info.DisplayName, provider.Info.NeedsInstance, provider.Info.MuteDurations, provider.Info.ActionsNote));
        Assert.Equal([AccountAction.Block, AccountAction.Unblock, AccountAction.Mute, AccountAction.Unmute, AccountAction.Follow, AccountAction.Unfollow], provider.Info.Actions);
        Assert.Equal(256 - "Reasonable key (pls keep) ".Length, provider.KeySlotCapacity);
        Assert.Equal("the private list \"Reasonable key (pls keep)\"", provider.KeySlotName);
    }

    [Fact]
    public async Task SignIn_WithPkce_GrantsAliceWithHerQualifiedHandle()
    {
        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        var query = QueryOf(challenge.AuthorizeUrl);

        Assert.Equal(new Uri(sandbox.Fedi, "/oauth/authorize").AbsoluteUri, challenge.AuthorizeUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(("code", Callback.AbsoluteUri, challenge.State, "S256"), (query["response_type"], query["redirect_uri"], query["state"], query["code_challenge_method"]));
        Assert.Equal(MastodonSignIn_Scopes, query["scope"]);
        Assert.True(challenge.State.Length >= 22, "state must carry at least 128 bits");
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.DoesNotContain(JsonNode.Parse(challenge.Secret)!["verifier"]!.GetValue<string>(), challenge.AuthorizeUrl.AbsoluteUri, StringComparison.Ordinal);

        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "authorize"));
        Assert.Equal(challenge.State, callback.State);
        var signedIn = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);

        Assert.Equal(new ProviderAccount(Fedi, Alice), signedIn.Account);
        Assert.Equal("alice@fedi.example", signedIn.Handle);
        Assert.Equal("Alice Ames", signedIn.DisplayName);
        Assert.DoesNotContain("token", signedIn.Access.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_OnAServerBefore43_WorksWithoutPkce()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Put, "/_sandbox/modes", new { pre_4_3 = true });

        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        Assert.False(QueryOf(challenge.AuthorizeUrl).ContainsKey("code_challenge"), "a pre-4.3 server gets no PKCE");
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Bob, "authorize"));
        var signedIn = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);

        Assert.Equal(new ProviderAccount(Fedi, Bob), signedIn.Account);
        Assert.Equal("bob@fedi.example", signedIn.Handle);
    }

    [Fact]
    public async Task SignIn_OnTheSecondInstance_IsAnAccountThere()
    {
        var signedIn = await SignInAsync(SeedAccounts.CarolId, Social);

        Assert.Equal(new ProviderAccount(Social, SeedAccounts.CarolId), signedIn.Account);
        Assert.Equal("carol@social.example", signedIn.Handle);
    }

    [Fact]
    public async Task ReadCallback_Denied_IsDeniedWithTheState()
    {
        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);

        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "deny"));

        Assert.Equal(new SignInCallback(challenge.State, null, Denied: true), callback);
    }

    [Theory]
    [InlineData("code=abc")]
    [InlineData("state=abc")]
    [InlineData("oauth_token=abc&oauth_verifier=v")]
    [InlineData("error=invalid_scope&state=abc")]
    [InlineData("")]
    public void ReadCallback_NotAMastodonCallback_HasNoState(string query)
    {
        Assert.Equal(new SignInCallback(null, null, Denied: false), provider.ReadCallback(Query(query)));
    }

    [Fact]
    public async Task CompleteSignIn_WithAnotherVerifier_IsRejected()
    {
        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "authorize"));
        var secret = JsonNode.Parse(challenge.Secret)!;
        var verifier = secret["verifier"]!.GetValue<string>();
        // Another first character, whatever the first was (a verifier starting with "A" once made this test pass nothing).
        secret["verifier"] = (verifier[0] == 'A' ? "B" : "A") + verifier[1..];

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, secret.ToJsonString(), callback.Verifier!, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
        Assert.StartsWith("Mastodon POST /oauth/token answered 400", failure.Message, StringComparison.Ordinal);
        AssertRedacted(failure, callback.Verifier!);
    }

    [Fact]
    public async Task CompleteSignIn_CodeUsedTwice_IsRejected()
    {
        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "authorize"));
        await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
    }

    [Fact]
    public async Task AppRegistration_IsMadeOncePerInstance_AndAgainForANewCallbackUrl()
    {
        await SignInAsync(Alice);
        await SignInAsync(Bob);
        var again = Provider();
        await again.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        Assert.Equal(1, (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, "/_sandbox/apps")).GetArrayLength());

        await provider.BeginSignInAsync(Fedi, new Uri("https://reasonable.example/api/auth/mastodon/callback"), CancellationToken.None);
        var apps = await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, "/_sandbox/apps");

        Assert.Equal(2, apps.GetArrayLength());
        Assert.All(apps.EnumerateArray(), app => Assert.Equal("Reasonable", app.GetProperty("name").GetString()));
        Assert.Equal(0, (await sandbox.ControlAsync(sandbox.Social, HttpMethod.Get, "/_sandbox/apps")).GetArrayLength());
    }

    [Fact]
    public async Task AppRegistration_IsStoredSealed_UnderAKeyedInstanceHash()
    {
        await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select provider, instance_hash, registration_ciphertext from provider_apps", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("mastodon", reader.GetString(0));
        Assert.Equal(InstanceLookup.Hash(ring, ring.PrimaryKeyId, "mastodon", Fedi), (byte[])reader[1]);
        var sealedText = Encoding.UTF8.GetString((byte[])reader[2]);
        Assert.DoesNotContain("client", sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain(Fedi, sealedText, StringComparison.Ordinal);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task CompleteSignIn_AfterTheInstanceForgotTheApp_IsRejected_AndTheNextSignInRegistersAgain()
    {
        var challenge = await provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, Alice, "authorize"));
        await sandbox.ResetAsync(); // the instance forgets every app

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None));
        var signedIn = await SignInAsync(Alice);

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
        Assert.StartsWith("Mastodon POST /oauth/token answered 401", failure.Message, StringComparison.Ordinal);
        Assert.Equal("alice@fedi.example", signedIn.Handle);
    }

    [Fact]
    public async Task KeySlot_CreateReadUpdateDelete_RoundTripsTheText()
    {
        var alice = (await SignInAsync(Alice)).Access;
        Assert.Null(await provider.ReadKeySlotAsync(alice, CancellationToken.None));

        var id = await provider.WriteKeySlotAsync(alice, null, KeyText, CancellationToken.None);
        Assert.Equal(new KeySlotContent(id, KeyText), await provider.ReadKeySlotAsync(alice, CancellationToken.None));
        var list = (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/lists")).EnumerateArray().Single(l => l.GetProperty("id").GetString() == id);
        Assert.Equal("Reasonable key (pls keep) " + KeyText, list.GetProperty("title").GetString());
        Assert.Equal(("none", false), (list.GetProperty("replies_policy").GetString(), list.GetProperty("exclusive").GetBoolean()));

        var longest = new string('k', provider.KeySlotCapacity - 2) + "𓀃𓀃";
        Assert.Equal(id, await provider.WriteKeySlotAsync(alice, id, longest, CancellationToken.None));
        Assert.Equal(new KeySlotContent(id, longest), await provider.ReadKeySlotAsync(alice, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => provider.WriteKeySlotAsync(alice, id, longest + "k", CancellationToken.None));

        await provider.DeleteKeySlotAsync(alice, id, CancellationToken.None);
        Assert.Null(await provider.ReadKeySlotAsync(alice, CancellationToken.None));
        await provider.DeleteKeySlotAsync(alice, id, CancellationToken.None);
    }

    [Fact]
    public async Task KeySlot_OfAnotherUser_IsInvisible()
    {
        var alice = (await SignInAsync(Alice)).Access;
        var bob = (await SignInAsync(Bob)).Access;
        var id = await provider.WriteKeySlotAsync(alice, null, KeyText, CancellationToken.None);

        Assert.Null(await provider.ReadKeySlotAsync(bob, CancellationToken.None));
        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.WriteKeySlotAsync(bob, id, KeyText, CancellationToken.None));
        Assert.Equal((ProviderFailure.Rejected, "Mastodon PUT /api/v1/lists/{id} answered 404"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task KeySlot_WhenTheUserHas50Lists_IsNoRoom()
    {
        var alice = (await SignInAsync(Alice)).Access;
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/lists/fill");

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.WriteKeySlotAsync(alice, null, KeyText, CancellationToken.None));

        Assert.Equal(ProviderFailure.NoRoom, failure.Failure);
        Assert.StartsWith("Mastodon POST /api/v1/lists answered 422", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Relation.Blocked, 251)]
    [InlineData(Relation.Muted, 31)]
    [InlineData(Relation.Following, 122)]
    public async Task Relations_WalkedToTheEnd_AreExactlyTheSeededAccounts(Relation relation, int count)
    {
        var alice = (await SignInAsync(Alice)).Access;
        var control = relation switch { Relation.Blocked => "blocks", Relation.Muted => "mutes", _ => "follows" };
        var seeded = (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/{control}"))
            .EnumerateArray().Select(row => row.GetProperty("account_id").GetString()!).ToHashSet();

        var (accounts, pages) = await WalkAsync(alice, relation);

        Assert.Equal(count, seeded.Count);
        Assert.Equal(count, accounts.Count);
        Assert.Equal(seeded, accounts.Select(a => a.Id).ToHashSet());
        Assert.Equal((count + 79) / 80, pages);
        Assert.All(accounts, a => Assert.Matches("^[^@]+@[^@]+$", a.Handle));
        Assert.All(accounts, a => Assert.NotNull(a.ProfileUrl));
        Assert.Contains(accounts, a => a.Handle.EndsWith("@social.example", StringComparison.Ordinal));
        Assert.Contains(accounts, a => a.Handle.EndsWith("@fedi.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Relations_CarryMuteExpiry_MovedAccounts_AndHostileTextAsData()
    {
        var alice = (await SignInAsync(Alice)).Access;
        var before = DateTimeOffset.UtcNow;

        var (mutes, _) = await WalkAsync(alice, Relation.Muted);
        var (blocks, _) = await WalkAsync(alice, Relation.Blocked);

        var bob = mutes.Single(a => a.Id == Bob);
        Assert.Equal("bob@fedi.example", bob.Handle);
        Assert.InRange(bob.RelationEndsAt!.Value, before.AddMinutes(55), before.AddMinutes(65));
        Assert.Null(mutes.Single(a => a.Id == SeedAccounts.DaveId).RelationEndsAt);
        var moved = blocks.Single(a => a.Id == SeedAccounts.OldHandleId);
        Assert.Equal(("oldhandle@fedi.example", "newhandle@fedi.example"), (moved.Handle, moved.MovedTo));
        Assert.Equal(SeedAccounts.ScripterDisplayName, blocks.Single(a => a.Id == SeedAccounts.ScripterId).DisplayName);
        Assert.Equal("scripter@social.example", blocks.Single(a => a.Id == SeedAccounts.ScripterId).Handle);
        Assert.All(blocks.Where(a => a.Id != SeedAccounts.OldHandleId), a => Assert.Null(a.MovedTo));
    }

    [Fact]
    public async Task Relations_ReportTheRateLimitWindow()
    {
        var alice = (await SignInAsync(Alice)).Access;

        var first = await provider.GetRelationPageAsync(alice, Relation.Blocked, null, CancellationToken.None);
        var second = await provider.GetRelationPageAsync(alice, Relation.Blocked, first.NextCursor, CancellationToken.None);

        Assert.NotNull(first.RateLimit);
        Assert.NotNull(second.RateLimit);
        Assert.True(first.RateLimit.Limit > 0);
        Assert.True(second.RateLimit.Remaining < second.RateLimit.Limit);
        Assert.InRange(first.RateLimit.ResetsAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task Relations_ACursorForAnotherRoute_IsRefused()
    {
        var alice = (await SignInAsync(Alice)).Access;
        var blocks = await provider.GetRelationPageAsync(alice, Relation.Blocked, null, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => provider.GetRelationPageAsync(alice, Relation.Muted, blocks.NextCursor, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(
            () => provider.GetRelationPageAsync(alice, Relation.Blocked, "http://169.254.169.254/api/v1/blocks?max_id=1", CancellationToken.None));
    }

    [Fact]
    public async Task Relations_LongerThanOnePage_FollowTheCursor()
    {
        var bulk = (await SignInAsync(SeedAccounts.BulkBlockerId)).Access;

        var first = await provider.GetRelationPageAsync(bulk, Relation.Blocked, null, CancellationToken.None);
        var second = await provider.GetRelationPageAsync(bulk, Relation.Blocked, first.NextCursor, CancellationToken.None);

        Assert.Equal((80, 80), (first.Accounts.Count, second.Accounts.Count));
        Assert.NotEqual(first.NextCursor, second.NextCursor);
        Assert.Equal(160, first.Accounts.Concat(second.Accounts).Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task RateLimited_IsRetriedAtTheResetHeader()
    {
        var alice = (await SignInAsync(Alice)).Access;
        await ArmAsync(new { path_prefix = "/api/v1/blocks", kind = "rate_limit", reset_seconds = 120 });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.GetRelationPageAsync(alice, Relation.Blocked, null, CancellationToken.None));

        Assert.Equal((ProviderFailure.RateLimited, "Mastodon GET /api/v1/blocks answered 429"), (failure.Failure, failure.Message));
        Assert.InRange((failure.RetryAt!.Value - DateTimeOffset.UtcNow).TotalSeconds, 100, 121);
    }

    [Theory]
    [InlineData("server_error", "Mastodon GET /api/v1/accounts/{id}/following answered 503")]
    [InlineData("malformed", "Mastodon GET /api/v1/accounts/{id}/following answered a malformed body: is this a Mastodon server?")]
    public async Task BrokenAnswers_AreUnavailable(string kind, string message)
    {
        var alice = await SignInAsync(Alice);
        await ArmAsync(new { path_prefix = "/api/v1/accounts/", kind });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.GetRelationPageAsync(alice.Access, Relation.Following, null, CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, message), (failure.Failure, failure.Message));
        AssertRedacted(failure, Alice, "alice", Fedi, AccessToken(alice.Access));
    }

    [Fact]
    public async Task SlowAnswer_PastTheTimeout_IsUnavailable()
    {
        var impatient = Provider(Options(TimeSpan.FromMilliseconds(400)));
        var alice = (await SignInAsync(Alice)).Access;
        await ArmAsync(new { path_prefix = "/api/v1/lists", kind = "hang", delay_ms = 3000 });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => impatient.ReadKeySlotAsync(alice, CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /api/v1/lists timed out"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task CallerCancellation_IsNotAProviderFailure()
    {
        var alice = (await SignInAsync(Alice)).Access;
        await ArmAsync(new { path_prefix = "/api/v1/lists", kind = "hang", delay_ms = 3000 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.ReadKeySlotAsync(alice, cancel.Token));
    }

    [Fact]
    public async Task BeginSignIn_BrokenDiscovery_IsUnavailable()
    {
        await ArmAsync(new { path_prefix = "/.well-known/", kind = "server_error" });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.BeginSignInAsync(Fedi, Callback, CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /.well-known/oauth-authorization-server answered 503"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task BeginSignIn_AServerThatIsNotMastodon_IsUnavailable()
    {
        using var html = new FakeServer((_, response) => Write(response, 200, "text/html", "<html><body>Welcome to my blog</body></html>"));
        var notMastodon = Provider(Options(extra: ("blog.example", html.BaseUrl)));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => notMastodon.BeginSignInAsync("blog.example", Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.Equal("Mastodon GET /.well-known/oauth-authorization-server answered a malformed body: is this a Mastodon server?", failure.Message);
    }

    [Fact]
    public async Task OversizedAnswer_IsUnavailable()
    {
        using var huge = new FakeServer((_, response) => Write(response, 200, "application/json", "[" + new string(' ', MastodonHttp_MaxBody) + "]"));
        var greedy = Provider(Options(extra: ("huge.example", huge.BaseUrl)));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => greedy.ReadKeySlotAsync(AccessAt("huge.example"), CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /api/v1/lists answered too much (over 1 MiB)"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed()
    {
        using var redirecting = new FakeServer((_, response) =>
        {
            response.StatusCode = 302;
            response.RedirectLocation = "http://169.254.169.254/latest/meta-data/";
            response.Close();
            return Task.CompletedTask;
        });
        var moved = Provider(Options(extra: ("moved.example", redirecting.BaseUrl)));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => moved.ReadKeySlotAsync(AccessAt("moved.example"), CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /api/v1/lists answered 302"), (failure.Failure, failure.Message));
    }

    [Theory]
    [InlineData("<http://169.254.169.254/api/v1/blocks?max_id=1>; rel=\"next\"")]
    [InlineData("<https://evil.example/api/v1/blocks?max_id=1>; rel=\"next\"")]
    [InlineData("</oauth/revoke?max_id=1>; rel=\"next\"")]
    public async Task ANextLinkElsewhere_IsUnavailable(string link)
    {
        using var hostile = new FakeServer((_, response) =>
        {
            response.Headers.Add("Link", link);
            return Write(response, 200, "application/json", "[]");
        });
        var tricked = Provider(Options(extra: ("hostile.example", hostile.BaseUrl)));

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => tricked.GetRelationPageAsync(AccessAt("hostile.example"), Relation.Blocked, null, CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /api/v1/blocks answered a next page elsewhere than this route"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task ARelativeNextLink_OnTheSameRoute_IsFollowed()
    {
        using var relative = new FakeServer((request, response) =>
        {
            if (!request.Url!.Query.Contains("max_id", StringComparison.Ordinal))
            {
                response.Headers.Add("Link", "</api/v1/blocks?limit=80&max_id=7>; rel=\"next\"");
            }

            return Write(response, 200, "application/json", """[{"id":"1","acct":"eve@elsewhere.example","username":"eve","display_name":"","url":"javascript:alert(1)","avatar":"https://elsewhere.example/a.png"}]""");
        });
        var tolerant = Provider(Options(extra: ("relative.example", relative.BaseUrl)));
        var access = AccessAt("relative.example");

        var first = await tolerant.GetRelationPageAsync(access, Relation.Blocked, null, CancellationToken.None);
        var second = await tolerant.GetRelationPageAsync(access, Relation.Blocked, first.NextCursor, CancellationToken.None);

        Assert.Equal("blocks?limit=80&max_id=7", first.NextCursor);
        Assert.Null(second.NextCursor);
        Assert.Equal(new ProviderProfile("1", "eve@elsewhere.example", null, new Uri("https://elsewhere.example/a.png"), null), first.Accounts.Single());
    }

    [Fact]
    public async Task UnreachableInstance_IsUnavailable()
    {
        var nowhere = Provider(Options(extra: ("nowhere.example", new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/"))));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => nowhere.BeginSignInAsync("nowhere.example", Callback, CancellationToken.None));

        Assert.Equal((ProviderFailure.Unavailable, "Mastodon GET /.well-known/oauth-authorization-server could not be reached"), (failure.Failure, failure.Message));
    }

    [Fact]
    public async Task UnknownHost_IsUnavailable()
    {
        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.BeginSignInAsync("no-such-host.invalid", Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, failure.Failure);
        Assert.DoesNotContain("no-such-host", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("fedi.example", "sandbox")]
    [InlineData("metadata.example", "http://169.254.169.254/")]
    [InlineData("mapped.example", "http://[::ffff:10.0.0.1]/")]
    public async Task InProduction_AnInstanceOnAPrivateAddress_IsRejectedBeforeConnecting(string instance, string? url)
    {
        var instances = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (url is not null)
        {
            instances[instance] = url == "sandbox" ? sandbox.Fedi : new Uri(url);
        }

        var production = Provider(new MastodonOptions { Production = true, Instances = instances, Timeout = TimeSpan.FromSeconds(5) });

        var failure = await Assert.ThrowsAsync<ProviderException>(() => production.BeginSignInAsync(instance, Callback, CancellationToken.None));

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
        Assert.Equal(
            "Mastodon GET /.well-known/oauth-authorization-server was not sent: The server's name leads to an address that is not on the public internet.",
            failure.Message);
        Assert.Equal(0, (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, "/_sandbox/apps")).GetArrayLength());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fedi.example:443")]
    [InlineData("fedi.example/evil")]
    public async Task AnInstanceThatIsNotAHostName_IsRefused(string instance)
    {
        var production = Provider(new MastodonOptions { Production = true });

        await Assert.ThrowsAsync<ArgumentException>(() => production.BeginSignInAsync(instance, Callback, CancellationToken.None));
    }

    [Fact]
    public async Task Lookup_FindsLocalAndRemoteAccounts_AndNullForNobody()
    {
        var alice = (await SignInAsync(Alice)).Access;

        var bob = await provider.LookupAsync(alice, "@bob", CancellationToken.None);
        var bobQualified = await provider.LookupAsync(alice, "bob@fedi.example", CancellationToken.None);
        var carol = await provider.LookupAsync(alice, "carol@social.example", CancellationToken.None);
        var nobody = await provider.LookupAsync(alice, "nobody-here", CancellationToken.None);

        Assert.Equal((Bob, "bob@fedi.example", "Bob Brooks"), (bob!.Id, bob.Handle, bob.DisplayName));
        Assert.Equal(bob, bobQualified);
        Assert.Equal((SeedAccounts.CarolId, "carol@social.example"), (carol!.Id, carol.Handle));
        Assert.Null(nobody);
    }

    [Fact]
    public async Task Actions_EachChangeTheRelationOnTheInstance()
    {
        var bob = (await SignInAsync(Bob)).Access;
        var target = SeedAccounts.NewHandleId;

        await provider.ActAsync(bob, target, AccountAction.Block, null, CancellationToken.None);
        Assert.Contains(target, await RelationIdsAsync(Bob, "blocks"));
        await provider.ActAsync(bob, target, AccountAction.Unblock, null, CancellationToken.None);
        Assert.DoesNotContain(target, await RelationIdsAsync(Bob, "blocks"));

        await provider.ActAsync(bob, target, AccountAction.Mute, TimeSpan.FromHours(2), CancellationToken.None);
        var mute = (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Bob}/mutes")).EnumerateArray()
            .Single(row => row.GetProperty("account_id").GetString() == target);
        Assert.InRange(DateTimeOffset.Parse(mute.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(110), DateTimeOffset.UtcNow.AddMinutes(125));
        await provider.ActAsync(bob, target, AccountAction.Unmute, null, CancellationToken.None);
        Assert.DoesNotContain(target, await RelationIdsAsync(Bob, "mutes"));
        await provider.ActAsync(bob, target, AccountAction.Mute, null, CancellationToken.None);
        var indefinite = (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Bob}/mutes")).EnumerateArray()
            .Single(row => row.GetProperty("account_id").GetString() == target);
        Assert.Equal(JsonValueKind.Null, indefinite.GetProperty("expires_at").ValueKind);

        await provider.ActAsync(bob, SeedAccounts.BulkBlockerId, AccountAction.Follow, null, CancellationToken.None);
        Assert.Contains(SeedAccounts.BulkBlockerId, await RelationIdsAsync(Bob, "follows"));
        await provider.ActAsync(bob, SeedAccounts.BulkBlockerId, AccountAction.Unfollow, null, CancellationToken.None);
        Assert.DoesNotContain(SeedAccounts.BulkBlockerId, await RelationIdsAsync(Bob, "follows"));
    }

    [Fact]
    public async Task Actions_OnAnUnknownAccount_AreRejected()
    {
        var alice = (await SignInAsync(Alice)).Access;

        var failure = await Assert.ThrowsAsync<ProviderException>(
            () => provider.ActAsync(alice, "109000000000009999", AccountAction.Block, null, CancellationToken.None));

        Assert.Equal((ProviderFailure.Rejected, "Mastodon POST /api/v1/accounts/{id}/block answered 404"), (failure.Failure, failure.Message));
        await Assert.ThrowsAsync<ArgumentException>(() => provider.ActAsync(alice, Bob, AccountAction.Block, TimeSpan.FromHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task ReadNotes_ReturnsOnlyTheUsersNonEmptyNotes()
    {
        var alice = (await SignInAsync(Alice)).Access;
        var ids = new List<string> { SeedAccounts.CarolId, SeedAccounts.OldHandleId, SeedAccounts.ScripterId, Bob, SeedAccounts.DaveId };
        ids.AddRange(Enumerable.Range(0, 45).Select(i => AccountIds.Synthetic(0, i)));

        var notes = await ((IProviderNotes)provider).ReadNotesAsync(alice, ids, CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [SeedAccounts.CarolId] = "Harassed me in the March thread.",
                [SeedAccounts.OldHandleId] = "Spam account; moved to @newhandle.",
                [SeedAccounts.ScripterId] = "Posted <script> tags at me & my friends.",
                [AccountIds.Synthetic(0, 0)] = "Reply guy.",
            },
            notes.ToDictionary(n => n.AccountId, n => n.Text));
        Assert.Empty(await ((IProviderNotes)provider).ReadNotesAsync((await SignInAsync(SeedAccounts.BulkBlockerId)).Access, ids, CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_EndsTheToken()
    {
        var alice = (await SignInAsync(Alice)).Access;

        await provider.RevokeAsync(alice, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.ReadKeySlotAsync(alice, CancellationToken.None));
        Assert.Equal((ProviderFailure.Revoked, "Mastodon GET /api/v1/lists answered 401"), (failure.Failure, failure.Message));
        await provider.RevokeAsync(alice, CancellationToken.None);
    }

    [Fact]
    public async Task TokensTheUserRevoked_AreRevoked()
    {
        var alice = (await SignInAsync(Alice)).Access;
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/revoke-tokens");

        var failure = await Assert.ThrowsAsync<ProviderException>(() => provider.GetRelationPageAsync(alice, Relation.Muted, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.Revoked, failure.Failure);
        AssertRedacted(failure, AccessToken(alice), Alice, Fedi);
    }

    [Fact]
    public void FromLegacyColumns_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => provider.FromLegacyColumns(Alice, "token", null));
    }

    [Fact]
    public void FromConfiguration_ReadsTheInstanceMapAndTimeout_AndRefusesTheMapInProduction()
    {
        var configuration = Configuration(("MASTODON_INSTANCES", "fedi.example=http://127.0.0.1:5190, Social.Example=http://127.0.0.1:5191/"), ("MASTODON_TIMEOUT_SECONDS", "7"));

        var options = MastodonOptions.FromConfiguration(configuration, production: false);

        Assert.Equal(new Uri("http://127.0.0.1:5191/"), options.BaseUrl("social.example"));
        Assert.Equal(new Uri("https://mastodon.social/"), options.BaseUrl("mastodon.social"));
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.False(options.Production);
        Assert.Throws<StartupRefusedException>(() => MastodonOptions.FromConfiguration(configuration, production: true));
        Assert.True(MastodonOptions.FromConfiguration(Configuration(), production: true).Production);
        Assert.Throws<StartupRefusedException>(() => MastodonOptions.FromConfiguration(Configuration(("MASTODON_INSTANCES", "fedi.example")), false));
        Assert.Throws<StartupRefusedException>(() => MastodonOptions.FromConfiguration(Configuration(("MASTODON_INSTANCES", "fedi.example=http://127.0.0.1:5190/path")), false));
        Assert.Throws<StartupRefusedException>(() => MastodonOptions.FromConfiguration(Configuration(("MASTODON_TIMEOUT_SECONDS", "0")), false));
        Assert.Throws<ArgumentException>(() => options.BaseUrl("evil.example/path"));
    }

    // The scopes the provider asks for, spelled out so a change to them is a deliberate one.
    private const string MastodonSignIn_Scopes = "read:accounts read:blocks read:mutes read:follows read:lists write:lists write:blocks write:mutes write:follows";

    private const int MastodonHttp_MaxBody = 1 << 20;

    private MastodonOptions Options(TimeSpan? timeout = null, (string Name, Uri Url)? extra = null)
    {
        var instances = new Dictionary<string, Uri>(StringComparer.Ordinal) { [Fedi] = sandbox.Fedi, [Social] = sandbox.Social };
        if (extra is { } more)
        {
            instances[more.Name] = more.Url;
        }

        return new MastodonOptions { Instances = instances, Timeout = timeout ?? TimeSpan.FromSeconds(15) };
    }

    /// <summary>MastodonProvider over its own client, built as the registration builds it (no redirects, no cookies).</summary>
    private MastodonProvider Provider(MastodonOptions? options = null)
    {
        options ??= Options();
        var client = new HttpClient(MastodonProviderRegistration.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
        disposables.Add(client);
        return new MastodonProvider(client, options, new ProviderAppStore(new ProviderAppRepository(dataSource), ring, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>The whole sign-in through the provider and the sandbox's consent form.</summary>
    private async Task<SignedInAccount> SignInAsync(string userId, string instance = Fedi)
    {
        var challenge = await provider.BeginSignInAsync(instance, Callback, CancellationToken.None);
        var callback = provider.ReadCallback(await ConsentAsync(challenge, userId, "authorize"));
        var signedIn = await provider.CompleteSignInAsync(challenge.State, challenge.Secret, callback.Verifier!, Callback, CancellationToken.None);
        Assert.Equal(userId, signedIn.Account.Id);
        return signedIn;
    }

    /// <summary>Submits the consent form the authorize URL shows, as a browser would; returns the redirect's query.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> ConsentAsync(SignInChallenge challenge, string userId, string decision)
    {
        var fields = QueryOf(challenge.AuthorizeUrl).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
        fields.Add(KeyValuePair.Create("decision", decision));
        fields.Add(KeyValuePair.Create("user_id", userId));
        using var response = await sandbox.Client.PostAsync(new Uri(challenge.AuthorizeUrl.GetLeftPart(UriPartial.Path)), new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"consent answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        Assert.StartsWith(Callback.AbsoluteUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        return Query(location.Query);
    }

    private async Task<(List<ProviderProfile> Accounts, int Pages)> WalkAsync(ProviderAccess access, Relation relation)
    {
        var accounts = new List<ProviderProfile>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await provider.GetRelationPageAsync(access, relation, cursor, CancellationToken.None);
            accounts.AddRange(page.Accounts);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Null(cursor);
        return (accounts, pages);
    }

    private async Task<HashSet<string?>> RelationIdsAsync(string userId, string relation) =>
        (await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{userId}/{relation}"))
            .EnumerateArray().Select(row => row.GetProperty("account_id").GetString()).ToHashSet();

    private async Task ArmAsync(object fault) => await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, "/_sandbox/faults", fault);

    private static ProviderAccess AccessAt(string instance) =>
        new(JsonSerializer.Serialize(new { instance, accountId = "1", token = "t0ken", clientId = "c" }));

    private static string AccessToken(ProviderAccess access) => JsonNode.Parse(access.Value)!["token"]!.GetValue<string>();

    private static Dictionary<string, string> QueryOf(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static Dictionary<string, string?> Query(string query) =>
        QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    /// <summary>A failure's text (and its inner exceptions') must name no credential, id, handle or instance.</summary>
    private static void AssertRedacted(Exception failure, params string[] secrets)
    {
        var text = failure.ToString();
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The failure text leaks user data or a credential: {failure.Message}");
        }
    }

    private static async Task Write(HttpListenerResponse response, int status, string contentType, string body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        try
        {
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client stopped reading (the size cap): fine.
        }
    }

    /// <summary>A server that answers every request with the handler: what a broken or hostile instance sends.</summary>
    private sealed class FakeServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;

        public FakeServer(Func<HttpListenerRequest, HttpListenerResponse, Task> handler)
        {
            var port = LoopbackPorts.Free();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            listener.Prefixes.Add(BaseUrl.AbsoluteUri);
            listener.Start();
            loop = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    _ = Task.Run(() => handler(context.Request, context.Response));
                }
            });
        }

        public Uri BaseUrl { get; }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
