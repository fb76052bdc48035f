using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Search;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Search;

/// <summary>
/// Free-text search over a word common enough that the search walks the list in order (a batch of accounts holding
/// it within the first few batches' worth of the list): exact pages with cursors, false candidates dropped after
/// decryption, and accounts decided on reasons other than their newest.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SearchPagingTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private const int Matching = 24;

    [Theory]
    [InlineData(2)] // a batch of accounts holding the word is found in the first few batches' worth: the search walks the list
    [InlineData(7)] // the same, the first tries covering the whole list
    [InlineData(30)] // fewer holders than a batch: the search collects the candidates first
    public async Task Word_PagesThroughEveryMatchOnce_InListOrder(int limit)
    {
        await SeedAsync();
        var listed = (await PageAsync("limit=200")).Items;
        var expected = listed.Where(handle => handle.StartsWith("hit", StringComparison.Ordinal)).ToList();

        var pages = await AllPagesAsync($"q=giveaway&limit={limit}");

        Assert.Equal(Matching, expected.Count);
        Assert.Equal(expected, pages.SelectMany(page => page).ToList());
        Assert.All(pages[..^1], page => Assert.Equal(limit, page.Count));
        Assert.Equal(Matching % limit == 0 ? limit : Matching % limit, pages[^1].Count);
    }

    [Theory]
    [InlineData(2)] // remembered as a common word: the search walks at once
    [InlineData(30)] // remembered as not common: the search reads the index first
    public async Task SameSearchAgain_AnswersTheSamePages(int limit)
    {
        await SeedAsync();

        var first = await AllPagesAsync($"q=giveaway&limit={limit}");
        var again = await AllPagesAsync($"q=giveaway&limit={limit}");

        Assert.Equal(Matching, first.Sum(page => page.Count));
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task CommonWord_PushedDownTheList_IsStillFoundWhole()
    {
        await SeedAsync();
        Assert.Equal(Matching, (await AllPagesAsync("q=giveaway&limit=2")).Sum(page => page.Count));
        // Newer accounts without the word now fill the first batches' worth of the list: the walk the search remembers
        // finds no batch of holders there, and the search must fall back to the index's candidates.
        for (var i = 0; i < 20; i++)
        {
            await CreateReasonAsync(await CreateAccountAsync($"{6000 + i}", $"newer{i}"), "posts the weather");
        }

        var found = (await AllPagesAsync("q=giveaway&limit=2")).SelectMany(page => page).ToList();

        Assert.Equal(Matching, found.Count);
        Assert.All(found, handle => Assert.StartsWith("hit", handle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RareWord_WhoseTokenEveryRowHolds_IsFoundExactly()
    {
        await SeedAsync();
        var owl = await CreateAccountAsync("5900", "owl-fan");
        await CreateReasonAsync(owl, "only posts about the burrowing owl");
        // Every row now holds the token of "burrowing", as if a common prefix had the same number; only the owl's row
        // also holds that of "burrowin", so only rows holding both can hold the word.
        int word, shorter;
        using (var keys = UserKeys.FromToken(Servers.MasterKeys, Token))
        {
            (word, shorter) = (SearchTokens.Of(keys, "burrowing"), SearchTokens.Of(keys, "burrowin"));
        }

        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            var holdingShorter = await connection.ExecuteScalarAsync<int>("select count(*) from search_tokens where @Shorter = any(tokens)", new { Shorter = shorter });
            Assert.Equal(1, holdingShorter);
            await connection.ExecuteAsync("update search_tokens set tokens = tokens || @Word where not (@Word = any(tokens))", new { Word = word });
        }

        var found = (await AllPagesAsync("q=burrowing&limit=2")).SelectMany(page => page).ToList();

        Assert.Equal(["owl-fan"], found);
    }

    [Fact]
    public async Task CommonWord_DropsFalseCandidates_AfterDecryption()
    {
        var ids = await SeedAsync();
        // The database now says every account without the word holds it too: only the re-check can tell.
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.ExecuteAsync(
                """
                update search_tokens set tokens = tokens || (select array_agg(distinct t) from search_tokens, unnest(tokens) t where account_id = @Hit)
                where account_id = any(@Misses)
                """,
                new { Hit = ids.Hits[0], Misses = ids.Misses });
        }

        var found = (await AllPagesAsync("q=giveaway&limit=2")).SelectMany(page => page).ToList();

        Assert.Equal(Matching, found.Count);
        Assert.All(found, handle => Assert.StartsWith("hit", handle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_FindsAnAccount_WhoseOnlyMatchIsAnOlderReason()
    {
        var ids = await SeedAsync();
        var account = await CreateAccountAsync("5999", "old-match");
        var first = await CreateReasonAsync(account, "tagged me in a giveaway once");
        var later = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            later.Add(await CreateReasonAsync(account, $"nothing of the kind, note {i}"));
        }

        // The later reasons all claim the word's tokens, so the newest few opened do not decide the account.
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.ExecuteAsync(
                "update search_tokens set tokens = tokens || (select tokens from search_tokens where source_id = @First) where source_id = any(@Later)",
                new { First = first, Later = later.ToArray() });
        }

        var found = (await AllPagesAsync("q=giveaway&limit=2")).SelectMany(page => page).ToList();

        Assert.Contains("old-match", found);
        Assert.Equal(Matching + 1, found.Count);
        var item = (await PageAsync("q=giveaway&limit=1")).Raw.GetProperty("items")[0];
        Assert.Equal("old-match", item.GetProperty("handle").GetString());
        Assert.Equal(["reason"], item.GetProperty("matchedIn").EnumerateArray().Select(field => field.GetString()!).ToList());
        Assert.Equal(later[^1], item.GetProperty("latestReason").GetProperty("id").GetGuid());
        Assert.NotEmpty(ids.Misses);
    }

    /// <summary>Accounts hit0…hit23 with a reason holding "giveaway", and miss0…miss7 with one that does not, interleaved.</summary>
    private async Task<(Guid[] Hits, Guid[] Misses)> SeedAsync()
    {
        var hits = new List<Guid>();
        var misses = new List<Guid>();
        for (var i = 0; i < Matching; i++)
        {
            var hit = await CreateAccountAsync($"{5000 + i}", $"hit{i}");
            await CreateReasonAsync(hit, $"replied with a crypto giveaway link, number {i}");
            hits.Add(hit);
            if (i % 3 == 0)
            {
                var miss = await CreateAccountAsync($"{5500 + i}", $"miss{i}");
                await CreateReasonAsync(miss, "posts the daily menu");
                misses.Add(miss);
            }
        }

        return ([.. hits], [.. misses]);
    }

    private async Task<List<List<string>>> AllPagesAsync(string query)
    {
        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(cursor is null ? query : $"{query}&cursor={Uri.EscapeDataString(cursor)}");
            pages.Add(page.Items);
            cursor = page.Next;
            Assert.True(pages.Count < 100, "paging should end");
        }
        while (cursor is not null);

        return pages;
    }

    private async Task<(List<string> Items, string? Next, JsonElement Raw)> PageAsync(string query)
    {
        var page = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?{query}", Token, null, HttpStatusCode.OK);
        var items = page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("handle").GetString()!).ToList();
        var next = page.GetProperty("nextCursor") is { ValueKind: JsonValueKind.String } cursor ? cursor.GetString() : null;
        return (items, next, page);
    }

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle)
    {
        var account = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    private async Task<Guid> CreateReasonAsync(Guid accountId, string text) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text, tags = Array.Empty<string>() }, HttpStatusCode.Created))
        .GetProperty("id").GetGuid();
}
