using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// Acting on an account from Reasonable with the reason in one step, through the real API and the Mastodon sandbox:
/// each action, refusals and failures that store nothing, retries that neither act nor write twice, other users' ids.
/// </summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonActionTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private const string Alice = "109000000000000001";
    private const string Bob = "109000000000000002";
    private const string Dave = "109001000000000002";
    private const string LongName = "109001000000000006";
    private readonly Browser browser = new(servers);
    private string alice = string.Empty;

    public async Task InitializeAsync()
    {
        await servers.ResetAsync();
        alice = await browser.SignInWithMastodonAsync(Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => browser.Dispose();

    [Fact]
    public async Task Block_ByHandle_BlocksOnTheInstance_AndStoresTheAccountAndTheReason()
    {
        Assert.DoesNotContain(LongName, await RelationIdsAsync(Alice, "blocks"));

        var acted = await ActByHandleAsync("longname@social.example", new { action = "block", reason = new { text = "Pile-on in the replies, 3 May.", tags = new[] { "dogpile" } } });

        Assert.Contains(LongName, await RelationIdsAsync(Alice, "blocks"));
        var account = acted.GetProperty("account");
        Assert.Equal("longname@social.example", account.GetProperty("handle").GetString());
        Assert.Equal(LongName, account.GetProperty("providerAccountId").GetString());
        Assert.Equal(JsonValueKind.Null, account.GetProperty("relations").GetProperty("blocked").GetProperty("endedAt").ValueKind);
        var reason = acted.GetProperty("reason");
        Assert.Equal("block", reason.GetProperty("action").GetString());
        Assert.Equal("Pile-on in the replies, 3 May.", reason.GetProperty("text").GetString());

        var stored = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account.GetProperty("id").GetString()}", alice, null, HttpStatusCode.OK);
        Assert.Equal("Pile-on in the replies, 3 May.", stored.GetProperty("reasons")[0].GetProperty("text").GetString());
        var found = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=pile-on&relation=blocked", alice, null, HttpStatusCode.OK);
        Assert.Equal(account.GetProperty("id").GetString(), Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unblock_EndsTheRelation_KeepingItsHistory()
    {
        var blocked = await ActByHandleAsync("longname@social.example", new { action = "block" });
        var id = blocked.GetProperty("account").GetProperty("id").GetString();

        var unblocked = await ActAsync(id!, new { action = "unblock", reason = new { text = "They apologised.", tags = Array.Empty<string>() } });

        Assert.DoesNotContain(LongName, await RelationIdsAsync(Alice, "blocks"));
        var state = unblocked.GetProperty("account").GetProperty("relations").GetProperty("blocked");
        Assert.NotEqual(JsonValueKind.Null, state.GetProperty("endedAt").ValueKind);
        Assert.Equal("unblock", unblocked.GetProperty("reason").GetProperty("action").GetString());
        var detail = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{id}", alice, null, HttpStatusCode.OK);
        Assert.Equal(1, detail.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async Task Mute_ForADay_IsATimedMuteOnTheInstance_AndRecordsWhenItEnds()
    {
        var before = DateTimeOffset.UtcNow;

        var muted = await ActByHandleAsync("longname@social.example", new { action = "mute", muteDurationSeconds = 86400 });

        var row = Assert.Single(await RelationsAsync(Alice, "mutes"), r => r.GetProperty("account_id").GetString() == LongName);
        var expires = row.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, before.AddHours(23.9), before.AddHours(24.1));
        var recorded = muted.GetProperty("account").GetProperty("relations").GetProperty("muted").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(recorded, before.AddHours(23.9), before.AddHours(24.1));
        Assert.Equal(JsonValueKind.Null, muted.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task Unmute_Follow_AndUnfollow_ReachTheInstance()
    {
        var dave = (await ActByHandleAsync("dave@social.example", new { action = "unmute" })).GetProperty("account").GetProperty("id").GetString()!;
        Assert.DoesNotContain(Dave, await RelationIdsAsync(Alice, "mutes"));

        await ActAsync(dave, new { action = "unfollow" });
        Assert.DoesNotContain(Dave, await RelationIdsAsync(Alice, "follows"));

        var followed = await ActAsync(dave, new { action = "follow", reason = new { text = "Good thread on moderation.", tags = new[] { "mods" } } });
        Assert.Contains(Dave, await RelationIdsAsync(Alice, "follows"));
        Assert.Equal("follow", followed.GetProperty("reason").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Block_OfAFollowedAccount_EndsTheFollow_AsTheInstanceReports()
    {
        var dave = (await ActByHandleAsync("dave@social.example", new { action = "follow" })).GetProperty("account");
        Assert.Equal(JsonValueKind.Null, dave.GetProperty("relations").GetProperty("following").GetProperty("endedAt").ValueKind);

        var blocked = await ActAsync(dave.GetProperty("id").GetString()!, new { action = "block" });

        var relations = blocked.GetProperty("account").GetProperty("relations");
        Assert.Equal(JsonValueKind.Null, relations.GetProperty("blocked").GetProperty("endedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, relations.GetProperty("following").GetProperty("endedAt").ValueKind);
        Assert.DoesNotContain(Dave, await RelationIdsAsync(Alice, "follows"));
        Assert.Equal(JsonValueKind.Null, relations.GetProperty("muted").GetProperty("endedAt").ValueKind); // a block leaves the mute
    }

    [Fact]
    public async Task InstanceDown_StoresNothing_AndSaysSo()
    {
        await servers.Mastodon.ControlAsync(servers.Mastodon.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts/*/block", kind = "server_error", count = 5 });

        var problem = await browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/accounts/actions", alice, new { handle = "longname@social.example", action = "block", reason = new { text = "not stored", tags = Array.Empty<string>() } },
            HttpStatusCode.ServiceUnavailable, "/problems/provider-unavailable");

        Assert.Contains("Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(LongName, await RelationIdsAsync(Alice, "blocks"));
        Assert.Equal(0, await CountAsync("select count(*) from reasons"));
        Assert.Equal(0, await CountAsync("select count(*) from accounts"));
        Assert.Equal(0, await CountAsync("select count(*) from action_requests"));
    }

    [Fact]
    public async Task InstanceRefusal_StoresNothing()
    {
        // Mastodon refuses (422) to let anyone block themselves.
        var problem = await browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/accounts/actions", alice, new { handle = "alice@fedi.example", action = "block", reason = new { text = "not stored", tags = Array.Empty<string>() } },
            HttpStatusCode.BadGateway, "/problems/provider-refused");

        Assert.Contains("Mastodon refused", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("select count(*) from reasons"));
        Assert.Equal(0, await CountAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task Retry_WithTheSameIdempotencyKey_ActsAndWritesOnce()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { handle = "longname@social.example", action = "block", reason = new { text = "Said once.", tags = Array.Empty<string>() } };
        var first = await SendWithKeyAsync("/api/accounts/actions", body, key, HttpStatusCode.OK);

        // Were the retry to call the instance again, this fault would answer it.
        await servers.Mastodon.ControlAsync(servers.Mastodon.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts", kind = "server_error", count = 10 });
        var retry = await SendWithKeyAsync("/api/accounts/actions", body, key, HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("reason").GetProperty("id").GetString(), retry.GetProperty("reason").GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("account").GetProperty("id").GetString(), retry.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(1, await CountAsync("select count(*) from reasons"));
    }

    [Fact]
    public async Task Retry_AfterAFailure_WithTheSameKey_ActsThen()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { handle = "longname@social.example", action = "block" };
        await servers.Mastodon.ControlAsync(servers.Mastodon.Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts/*/block", kind = "server_error", count = 1 });
        await SendWithKeyAsync("/api/accounts/actions", body, key, HttpStatusCode.ServiceUnavailable);

        await SendWithKeyAsync("/api/accounts/actions", body, key, HttpStatusCode.OK);

        Assert.Contains(LongName, await RelationIdsAsync(Alice, "blocks"));
    }

    [Theory]
    [InlineData("""{"action":"obliterate"}""", "action")]
    [InlineData("""{"action":"block","muteDurationSeconds":600}""", "muteDurationSeconds")]
    [InlineData("""{"action":"mute","muteDurationSeconds":5}""", "muteDurationSeconds")]
    [InlineData("""{"action":"mute","muteDurationSeconds":999999999}""", "muteDurationSeconds")]
    [InlineData("""{"action":"block","reason":{"text":"","tags":[]}}""", "text")]
    [InlineData("""{"action":"block","reason":{"text":"ok","tags":["a,b"]}}""", "tags")]
    public async Task BadInput_IsAFieldNamed400_AndActsOnNothing(string body, string field)
    {
        var id = (await ActByHandleAsync("dave@social.example", new { action = "unfollow" })).GetProperty("account").GetProperty("id").GetString();
        var follows = await RelationIdsAsync(Alice, "follows");

        var problem = await browser.ExpectProblemAsync(HttpMethod.Post, $"/api/accounts/{id}/actions", alice, body, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
        Assert.Equal(follows, await RelationIdsAsync(Alice, "follows"));
        Assert.Equal(0, await CountAsync("select count(*) from reasons"));
    }

    [Fact]
    public async Task AnotherUsersAccount_IsLikeAMissingOne()
    {
        var id = (await ActByHandleAsync("longname@social.example", new { action = "block" })).GetProperty("account").GetProperty("id").GetString();
        using var bobsBrowser = new Browser(servers);
        var bob = await bobsBrowser.SignInWithMastodonAsync(Bob);

        var theirs = await bobsBrowser.ExpectProblemAsync(HttpMethod.Post, $"/api/accounts/{id}/actions", bob, new { action = "unblock" }, HttpStatusCode.NotFound);
        var missing = await bobsBrowser.ExpectProblemAsync(HttpMethod.Post, $"/api/accounts/{Guid.NewGuid()}/actions", bob, new { action = "unblock" }, HttpStatusCode.NotFound);

        Assert.Equal(missing.GetProperty("detail").GetString(), theirs.GetProperty("detail").GetString());
        Assert.Contains(LongName, await RelationIdsAsync(Alice, "blocks"));
    }

    [Fact]
    public async Task UnknownHandle_Is404_AndStoresNothing()
    {
        await browser.ExpectProblemAsync(HttpMethod.Post, "/api/accounts/actions", alice, new { handle = "nobody@social.example", action = "block" }, HttpStatusCode.NotFound);

        Assert.Equal(0, await CountAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task OnX_ActionsAreRefusedWithTheReason()
    {
        using var xBrowser = new Browser(servers);
        var x = await xBrowser.SignInAsync(Reasonable.Sandbox.X.State.SeedData.AliceId);

        var problem = await xBrowser.ExpectProblemAsync(
            HttpMethod.Post, "/api/accounts/actions", x, new { handle = "bob", action = "block" }, HttpStatusCode.Conflict, "/problems/action-not-supported");

        Assert.Contains("Enterprise", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<JsonElement> ActByHandleAsync(string handle, object body) =>
        browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts/actions", alice, Merge(new { handle }, body), HttpStatusCode.OK);

    private Task<JsonElement> ActAsync(string accountId, object body) =>
        browser.ExpectJsonAsync(HttpMethod.Post, $"/api/accounts/{accountId}/actions", alice, body, HttpStatusCode.OK);

    private async Task<JsonElement> SendWithKeyAsync(string path, object body, string key, HttpStatusCode expected)
    {
        using var client = new HttpClient(ApiContract.Around(new HttpClientHandler())) { BaseAddress = servers.Api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, object?> Merge(object first, object second)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(first))!;
        foreach (var pair in JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(second))!)
        {
            merged[pair.Key] = pair.Value;
        }

        return merged;
    }

    private async Task<List<JsonElement>> RelationsAsync(string userId, string relation)
    {
        var rows = await servers.Mastodon.ControlAsync(servers.Mastodon.Fedi, HttpMethod.Get, $"/_sandbox/users/{userId}/{relation}");
        var items = rows.ValueKind == JsonValueKind.Array ? rows : rows.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return [.. items.EnumerateArray()];
    }

    private async Task<HashSet<string>> RelationIdsAsync(string userId, string relation) =>
        [.. (await RelationsAsync(userId, relation)).Select(row => row.GetProperty("account_id").GetString()!)];

    private async Task<int> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(servers.ConnectionString);
        return await connection.ExecuteScalarAsync<int>(sql);
    }
}
