using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Reasons;

/// <summary>The user's tags with counts, and renaming or merging a tag across every reason, all or nothing, with versions bumped.</summary>
[Collection(SignInTests.Name)]
public sealed class TagTests(SignInServers servers) : AliceSignedInTest(servers)
{
    [Fact]
    public async Task Tags_AreCounted_CaseInsensitively_ByReasonsAndAccounts_OnlyTheUsersOwn()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var carol = await CreateAccountAsync("1000000003", "carol");
        await CreateReasonAsync(bob, "Spam", "bots");
        await CreateReasonAsync(bob, "spam");
        await CreateReasonAsync(carol, "SPAM");
        using var other = new Browser(Servers);
        var otherToken = await other.SignInAsync(SeedData.BobId);
        var theirs = (await other.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", otherToken, new { providerAccountId = "1000000004", handle = "dave" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await other.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", otherToken, new { accountId = theirs, action = "block", text = "x", tags = new[] { "theirs" } }, HttpStatusCode.Created);

        var list = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/tags", Token, null, HttpStatusCode.OK);

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("spam", items[0].GetProperty("tag").GetString()!.ToLowerInvariant());
        Assert.Equal(3, items[0].GetProperty("reasons").GetInt32());
        Assert.Equal(2, items[0].GetProperty("accounts").GetInt32());
        Assert.Equal("bots", items[1].GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Rename_MergesIntoAnExistingTag_BumpsVersions_AndAnOpenEditorGets412()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var both = await CreateReasonAsync(bob, "scam", "spam");
        var scamOnly = await CreateReasonAsync(bob, "Scam", "bots");
        var untouched = await CreateReasonAsync(bob, "bots");

        var answer = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tags/rename", Token, new { from = "SCAM", to = "spam" }, HttpStatusCode.OK);
        var stale = await Browser.ExpectProblemAsync(HttpMethod.Put, $"/api/reasons/{scamOnly}", Token, new { action = "block", text = "edited in an old tab", tags = new[] { "Scam" }, version = 1 }, HttpStatusCode.PreconditionFailed);

        Assert.Equal(2, answer.GetProperty("reasons").GetInt32());
        var merged = await ReadAsync(both);
        Assert.Equal(["spam"], Tags(merged));
        Assert.Equal(2, merged.GetProperty("version").GetInt32());
        Assert.Equal(["spam", "bots"], Tags(await ReadAsync(scamOnly)));
        Assert.Equal(1, (await ReadAsync(untouched)).GetProperty("version").GetInt32());
        Assert.Equal(["spam", "bots"], stale.GetProperty("current").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        var filtered = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts/count?tag=scam", Token, null, HttpStatusCode.OK);
        Assert.Equal(0, filtered.GetProperty("matching").GetInt32());
    }

    [Fact]
    public async Task Rename_IsFoundBySearch_UnderTheNewTagOnly()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        await CreateReasonAsync(bob, "bots");

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tags/rename", Token, new { from = "bots", to = "automaton" }, HttpStatusCode.OK);

        var byNew = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=automaton", Token, null, HttpStatusCode.OK);
        var byOld = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=bots", Token, null, HttpStatusCode.OK);
        Assert.Equal(bob, Assert.Single(byNew.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, byOld.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Rename_OfATagNobodyHas_ChangesNothing()
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var reason = await CreateReasonAsync(bob, "spam");

        var answer = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/tags/rename", Token, new { from = "nothing-like-it", to = "else" }, HttpStatusCode.OK);

        Assert.Equal(0, answer.GetProperty("reasons").GetInt32());
        Assert.Equal(1, (await ReadAsync(reason)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{"from":"","to":"spam"}""", "from")]
    [InlineData("""{"from":"spam","to":"a,b"}""", "to")]
    [InlineData("""{"from":"spam","to":"   "}""", "to")]
    [InlineData("""{"from":"spam"}""", "to")]
    public async Task BadRename_Is400_NamingTheField(string body, string field)
    {
        var bob = await CreateAccountAsync("1000000002", "bob");
        var reason = await CreateReasonAsync(bob, "spam");

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/tags/rename", Token, body, HttpStatusCode.BadRequest, "/problems/invalid-request");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(1, (await ReadAsync(reason)).GetProperty("version").GetInt32());
    }

    private static IEnumerable<string?> Tags(JsonElement reason) => reason.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString());

    private Task<JsonElement> ReadAsync(Guid reason) => Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{reason}", Token, null, HttpStatusCode.OK);

    private async Task<Guid> CreateAccountAsync(string providerAccountId, string handle) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", Token, new { providerAccountId, handle }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<Guid> CreateReasonAsync(Guid accountId, params string[] tags) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId, action = "block", text = "why", tags }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
