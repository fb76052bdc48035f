using System.Net;
using System.Text.Json;
using Reasonable.Api.Accounts;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Accounts;

/// <summary>The accounts list: blind-index filters, free-text search after decryption, sorting and cursor pages.</summary>
[Collection(SignInTests.Name)]
public sealed class AccountListTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RelationFilter_ReturnsOnlyAccountsWithThatRelationActiveNow()
    {
        await SeedAsync("blocked-now", blocked: Active());
        await SeedAsync("muted-now", muted: Active());
        await SeedAsync("followed-now", following: Active());
        await SeedAsync("unblocked", blocked: Active().EndedBy(Start.AddDays(3)));
        await SeedAsync("blocked-and-muted", blocked: Active(), muted: Active());

        Assert.Equal(["blocked-and-muted", "blocked-now"], await HandlesAsync("relation=blocked"));
        Assert.Equal(["blocked-and-muted", "muted-now"], await HandlesAsync("relation=muted"));
        Assert.Equal(["followed-now"], await HandlesAsync("relation=following"));
        Assert.Equal(5, (await HandlesAsync(string.Empty)).Count);
    }

    [Fact]
    public async Task UnblockedAccount_KeepsItsHistory()
    {
        var blocked = Active().EndedBy(Start.AddDays(3)).SeenAt(Start.AddDays(5));
        await SeedAsync("reblocked", blocked: blocked);

        var account = (await ListAsync(string.Empty)).GetProperty("items")[0].GetProperty("relations").GetProperty("blocked");

        Assert.True(account.GetProperty("active").GetBoolean());
        Assert.Equal(Start, account.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(5), account.GetProperty("since").GetDateTimeOffset());
        var past = account.GetProperty("past")[0];
        Assert.Equal(Start, past.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(3), past.GetProperty("endedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task TagFilter_MatchesAnyReasonOfTheAccount_CaseInsensitively()
    {
        var spammer = await CreateAccountAsync("2001", "spammer");
        var troll = await CreateAccountAsync("2002", "troll");
        await CreateAccountAsync("2003", "quiet");
        await CreateReasonAsync(spammer, "block", "crypto spam", ["Spam"]);
        await CreateReasonAsync(troll, "mute", "trolling", ["trolling"]);
        await CreateReasonAsync(troll, "block", "and spam too", ["SPAM", "bots"]);

        Assert.Equal(["spammer", "troll"], (await HandlesAsync("tag=spam")).Order());
        Assert.Equal(["troll"], await HandlesAsync("tag=Bots"));
        Assert.Empty(await HandlesAsync("tag=unused"));
    }

    [Fact]
    public async Task HasReasonsFilter_SplitsAccountsWithAndWithoutReasons()
    {
        var noted = await CreateAccountAsync("2001", "noted");
        await CreateAccountAsync("2002", "silent");
        await CreateReasonAsync(noted, "block", "why", []);

        Assert.Equal(["noted"], await HandlesAsync("hasReasons=true"));
        Assert.Equal(["silent"], await HandlesAsync("hasReasons=false"));
    }

    [Fact]
    public async Task EachListedAccount_CarriesItsReasonCountAndNewestReason_ThroughCreatesAndDeletes()
    {
        var busy = await CreateAccountAsync("2001", "busy");
        await CreateAccountAsync("2002", "silent");
        await CreateReasonAsync(busy, "block", "first", []);
        var second = await CreateReasonAsync(busy, "mute", "second", []);
        var third = await CreateReasonAsync(busy, "block", "third", []);
        Assert.Equal((3, "third"), await CountAndNewestAsync("busy"));
        Assert.Equal((0, null), await CountAndNewestAsync("silent"));

        await DeleteReasonAsync(third);
        Assert.Equal((2, "second"), await CountAndNewestAsync("busy"));
        await DeleteReasonAsync(second);
        Assert.Equal((1, "first"), await CountAndNewestAsync("busy"));
        Assert.Equal(["busy"], await HandlesAsync("hasReasons=true"));
        Assert.Equal(["silent"], await HandlesAsync("hasReasons=false"));
    }

    [Fact]
    public async Task NewestReason_FollowsEditsOfItAndOnlyOfIt()
    {
        var busy = await CreateAccountAsync("2001", "busy");
        var older = await CreateReasonAsync(busy, "block", "older", []);
        var newest = await CreateReasonAsync(busy, "mute", "newest", []);

        await EditReasonAsync(newest, "newest, edited");
        Assert.Equal((2, "newest, edited"), await CountAndNewestAsync("busy"));
        await EditReasonAsync(older, "older, edited");
        Assert.Equal((2, "newest, edited"), await CountAndNewestAsync("busy"));
    }

    [Fact]
    public async Task ConcurrentDeletes_LeaveTheNewestSurvivorAsTheNewestReason()
    {
        // Each delete reads the account's newest reason again; without the account locked first, two deletes at once
        // could each see the other's reason as the survivor and leave a deleted reason as the copy.
        for (var round = 0; round < 5; round++)
        {
            var account = await CreateAccountAsync($"30{round}", $"round{round}");
            var reasons = new List<JsonElement>();
            foreach (var text in new[] { "kept", "gone 1", "gone 2", "gone 3", "gone 4" })
            {
                reasons.Add(await CreateReasonAsync(account, "block", text, []));
            }

            await Task.WhenAll(reasons.Skip(1).Select(DeleteReasonAsync));
            Assert.Equal((1, "kept"), await CountAndNewestAsync($"round{round}"));
        }
    }

    [Fact]
    public async Task ConcurrentCreates_LeaveTheTimelinesNewestAsTheNewestReason()
    {
        // Each create takes its reason as the copy only when it is newer than the copy it finds, so one that commits
        // last with an earlier time cannot displace a newer one.
        for (var round = 0; round < 5; round++)
        {
            var account = await CreateAccountAsync($"40{round}", $"burst{round}");
            await Task.WhenAll(Enumerable.Range(0, 6).Select(i => CreateReasonAsync(account, "block", $"note {i}", [])));

            // The list's order of reasons: created, then id (in text form, as PostgreSQL compares uuids bytewise).
            var timeline = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{account}", Token, null, HttpStatusCode.OK);
            var newest = timeline.GetProperty("reasons").EnumerateArray()
                .OrderByDescending(reason => reason.GetProperty("createdAt").GetDateTimeOffset())
                .ThenByDescending(reason => reason.GetProperty("id").GetString(), StringComparer.Ordinal).First();
            Assert.Equal((6, newest.GetProperty("text").GetString()), await CountAndNewestAsync($"burst{round}"));
        }
    }

    [Theory]
    [InlineData("cafe", "cafe-owner")]
    [InlineData("CAFÉ", "cafe-owner")]
    [InlineData("Räuber", "name-match")]
    [InlineData("porch pirate", "text-match")]
    [InlineData("giveaway", "tag-match")]
    [InlineData("handle-match", "handle-match")]
    public async Task FreeText_MatchesHandleNameReasonTextAndTags_IgnoringCaseAndAccents(string query, string expected)
    {
        await CreateAccountAsync("2001", "cafe-owner");
        var named = await CreateAccountAsync("2002", "name-match", "Der Räuber Hotzenplotz");
        var texted = await CreateAccountAsync("2003", "text-match");
        var tagged = await CreateAccountAsync("2004", "tag-match");
        await CreateAccountAsync("2005", "handle-match");
        await CreateReasonAsync(named, "follow", "good jokes", []);
        await CreateReasonAsync(texted, "block", "Posted my address and called me a Porch Pirate.", []);
        await CreateReasonAsync(tagged, "mute", "endless promotions", ["Giveaway"]);

        Assert.Equal([expected], await HandlesAsync($"q={Uri.EscapeDataString(query)}"));
    }

    [Fact]
    public async Task FreeText_FindsAMatchInAnOlderReason_NotOnlyTheLatest()
    {
        var account = await CreateAccountAsync("2001", "changed");
        await CreateReasonAsync(account, "block", "the original doxxing incident", []);
        await CreateReasonAsync(account, "unblock", "apologised", []);

        Assert.Equal(["changed"], await HandlesAsync("q=doxxing"));
    }

    [Fact]
    public async Task ProviderAccountIdFilter_FindsExactlyThatAccount()
    {
        await CreateAccountAsync("2001", "one");
        await CreateAccountAsync("20011", "other");

        Assert.Equal(["one"], await HandlesAsync("providerAccountId=2001"));
        Assert.Empty(await HandlesAsync("providerAccountId=999"));
    }

    [Fact]
    public async Task CursorPages_WalkEveryAccountOnce_InBothOrders()
    {
        for (var i = 0; i < 120; i++)
        {
            await SeedAsync($"user{i:D3}", blocked: RelationState.Started(Start.AddMinutes(i)), activity: Start.AddMinutes(i % 7 == 0 ? 0 : i));
        }

        foreach (var sort in new[] { "recent", "oldest" })
        {
            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await ListAsync($"sort={sort}&limit=50" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!));
                cursor = page.GetProperty("nextCursor").GetString();
                pages++;
            }
            while (cursor is not null);

            Assert.Equal(3, pages);
            Assert.Equal(120, seen.Count);
            Assert.Equal(120, seen.Distinct().Count());
            // Every seventh account shares one activity time, so ties are broken by id across page boundaries.
            if (sort == "recent")
            {
                Assert.Equal("user118", seen[0]);
            }
            else
            {
                Assert.Equal(0, int.Parse(seen[0][4..], System.Globalization.CultureInfo.InvariantCulture) % 7);
            }
        }
    }

    [Fact]
    public async Task SearchPages_AreFullAndEndExactly()
    {
        for (var i = 0; i < 30; i++)
        {
            var account = await CreateAccountAsync($"{3000 + i}", $"acct{i}");
            await CreateReasonAsync(account, "block", i % 3 == 0 ? "needle in here" : "just hay", []);
        }

        var first = await ListAsync("q=needle&limit=6");
        var second = await ListAsync($"q=needle&limit=6&cursor={first.GetProperty("nextCursor").GetString()}");

        Assert.Equal(6, first.GetProperty("items").GetArrayLength());
        Assert.Equal(4, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("relation=blocking", "relation")]
    [InlineData("relation=1", "relation")]
    [InlineData("hasReasons=yes", "hasReasons")]
    [InlineData("sort=name", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("tag=%20", "tag")]
    public async Task BadQuery_Is400_NamingTheParameter(string query, string field)
    {
        var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name {field}: {problem}");
    }

    [Theory]
    [InlineData("Bob \uFFFE Builder")]
    [InlineData("Bob \uFDD0 Builder")]
    [InlineData("Bob \uD800 Builder")]
    [InlineData("Bob \U0010FFFF Builder")]
    public async Task Search_OverAStrangersNameWithCharactersUnicodeCannotNormalise_StillAnswers(string displayName)
    {
        // Display names come from the provider as they are: the sync stores them whatever they hold.
        await StoredAccounts.InsertAsync(Servers, Token, new AccountDocument("id-odd", "oddname", displayName, null, Active(), null, null), Start);
        await SeedAsync("plain", blocked: Active());

        Assert.Equal(["oddname"], await HandlesAsync("q=builder"));
        Assert.Equal(["oddname"], await HandlesAsync("q=bob"));
        Assert.Empty(await HandlesAsync("q=nobody"));
    }

    private static RelationState Active() => RelationState.Started(Start);

    private Task SeedAsync(
        string handle, RelationState? blocked = null, RelationState? muted = null, RelationState? following = null, DateTimeOffset? activity = null)
    {
        var document = new AccountDocument($"id-{handle}", handle, null, null, blocked, muted, following);
        return StoredAccounts.InsertAsync(Servers, Token, document, activity ?? Start);
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle, string? displayName = null)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle, displayName }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private Task<JsonElement> CreateReasonAsync(Guid accountId, string action, string text, string[] tags) =>
        Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action, text, tags }, HttpStatusCode.Created);

    private async Task DeleteReasonAsync(JsonElement reason)
    {
        using var answer = await Browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{reason.GetProperty("id").GetGuid()}", Token, ifMatch: "*");
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
    }

    private async Task EditReasonAsync(JsonElement reason, string text)
    {
        var id = reason.GetProperty("id").GetGuid();
        var current = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{id}", Token, null, HttpStatusCode.OK);
        await Browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{id}", Token, new { action = current.GetProperty("action").GetString(), text, tags = Array.Empty<string>() }, HttpStatusCode.OK, ifMatch: "*");
    }

    private async Task<(int Count, string? Newest)> CountAndNewestAsync(string handle)
    {
        var item = (await ListAsync(string.Empty)).GetProperty("items").EnumerateArray().Single(item => item.GetProperty("handle").GetString() == handle);
        var latest = item.GetProperty("latestReason");
        return (item.GetProperty("reasonCount").GetInt32(), latest.ValueKind == JsonValueKind.Null ? null : latest.GetProperty("text").GetString());
    }

    private Task<JsonElement> ListAsync(string query) => Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.OK);

    private async Task<List<string>> HandlesAsync(string query) =>
        [.. (await ListAsync(query)).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!).Order()];
}
