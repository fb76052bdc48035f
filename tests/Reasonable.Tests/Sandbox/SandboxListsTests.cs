using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

[Collection(SandboxTests.Name)]
public sealed class SandboxListsTests(XSandboxProcess sandbox) : XSandboxTest(sandbox)
{
    private const string Bob = SeedData.BobId;
    private const string AlicePrivateList = "1900000000000000002";
    private const string AlicePublicList = "1900000000000000001";

    // Base65536 characters: every one astral (two UTF-16 units), as a Reasonable secret may be.
    private const string Astral = "𒁷";

    private OAuthCredentials bob = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bob = await X.SignInAsync(Bob);
    }

    [Fact]
    public async Task Lists_CreateReadUpdateDelete_RoundTrip()
    {
        using var create = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = "vault", description = "驨ꍬ啯𒁷ꍲᕤ", @private = true });
        var created = (await XSandboxClient.ReadJsonAsync(create, HttpStatusCode.Created)).GetProperty("data");
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9]{1,19}$", id);
        Assert.Equal("vault", created.GetProperty("name").GetString());

        var read = (await X.GetJsonAsync($"/2/lists/{id}?list.fields=description,private", AliceToken)).GetProperty("data");
        Assert.Equal("驨ꍬ啯𒁷ꍲᕤ", read.GetProperty("description").GetString());
        Assert.True(read.GetProperty("private").GetBoolean());

        using var update = await SendJsonAsync(HttpMethod.Put, $"/2/lists/{id}", AliceToken, new { description = "changed" });
        Assert.True((await XSandboxClient.ReadJsonAsync(update, HttpStatusCode.OK)).GetProperty("data").GetProperty("updated").GetBoolean());
        var owned = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists?list.fields=description,private", AliceToken);
        var listed = owned.GetProperty("data").EnumerateArray().Single(l => l.GetProperty("id").GetString() == id);
        Assert.Equal("changed", listed.GetProperty("description").GetString());
        Assert.Equal("vault", listed.GetProperty("name").GetString());

        using var delete = await X.SendAsync(HttpMethod.Delete, $"/2/lists/{id}", AliceToken);
        Assert.True((await XSandboxClient.ReadJsonAsync(delete, HttpStatusCode.OK)).GetProperty("data").GetProperty("deleted").GetBoolean());
        var gone = await X.GetJsonAsync($"/2/lists/{id}", AliceToken);
        Assert.False(gone.TryGetProperty("data", out _));
        Assert.Equal("https://api.x.com/2/problems/resource-not-found", gone.GetProperty("errors")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task OwnedLists_DefaultFields_AreIdAndNameOnly()
    {
        var owned = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists", AliceToken);

        var names = owned.GetProperty("data").EnumerateArray().SelectMany(l => l.EnumerateObject().Select(p => p.Name)).Distinct().Order();
        Assert.Equal(["id", "name"], names);
        Assert.Equal(2, owned.GetProperty("meta").GetProperty("result_count").GetInt32());
    }

    [Fact]
    public async Task CreateList_Accepts25CodePoints_EvenWhenAstral_AndRejects26()
    {
        var name25 = string.Concat(Enumerable.Repeat(Astral, 25));
        Assert.Equal(50, name25.Length);

        using var accepted = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = name25 });
        using var rejected = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = name25 + Astral });

        var id = (await XSandboxClient.ReadJsonAsync(accepted, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString();
        var stored = await X.GetJsonAsync($"/2/lists/{id}", AliceToken);
        Assert.Equal(name25, stored.GetProperty("data").GetProperty("name").GetString());
        await AssertInvalidRequestAsync(rejected, "name");
    }

    [Fact]
    public async Task CreateList_Accepts100CodePointDescription_AndRejects101()
    {
        var description100 = string.Concat(Enumerable.Repeat(Astral, 100));

        using var accepted = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = "ok", description = description100 });
        using var rejected = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = "ok", description = description100 + "x" });

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await AssertInvalidRequestAsync(rejected, "description");
    }

    [Fact]
    public async Task UpdateList_Rejects_OverlongName()
    {
        using var response = await SendJsonAsync(HttpMethod.Put, $"/2/lists/{AlicePublicList}", AliceToken, new { name = new string('n', 26) });

        await AssertInvalidRequestAsync(response, "name");
    }

    [Theory]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"description\":\"no name\"}")]
    [InlineData("{\"name\":\"x\",\"mode\":\"private\"}")]
    [InlineData("{\"name\":42}")]
    [InlineData("not json")]
    public async Task CreateList_Rejects_BodiesOutsideTheSchema(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await X.SendAsync(HttpMethod.Post, "/2/lists", AliceToken, content);

        var json = await XSandboxClient.ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("https://api.x.com/2/problems/invalid-request", json.GetProperty("type").GetString());
        Assert.Equal("Invalid Request", json.GetProperty("title").GetString());
    }

    [Fact]
    public async Task CreateList_IsPublicUnlessPrivateIsSent()
    {
        using var create = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = "open" });
        var id = (await XSandboxClient.ReadJsonAsync(create, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString();

        var seenByBob = await X.GetJsonAsync($"/2/lists/{id}?list.fields=private", bob);

        Assert.False(seenByBob.GetProperty("data").GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task PrivateList_IsInvisibleToOtherUsers()
    {
        var ownView = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists", AliceToken);
        var bobView = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists", bob);
        var byId = await X.GetJsonAsync($"/2/lists/{AlicePrivateList}", bob);
        using var update = await SendJsonAsync(HttpMethod.Put, $"/2/lists/{AlicePrivateList}", bob, new { name = "mine now" });
        using var delete = await X.SendAsync(HttpMethod.Delete, $"/2/lists/{AlicePrivateList}", bob);

        Assert.Contains(AlicePrivateList, Ids(ownView));
        Assert.DoesNotContain(AlicePrivateList, Ids(bobView));
        Assert.Contains(AlicePublicList, Ids(bobView));
        Assert.False(byId.TryGetProperty("data", out _));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("Secret plans", (await X.GetJsonAsync($"/2/lists/{AlicePrivateList}", AliceToken)).GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PublicList_CannotBeChangedByAnotherUser()
    {
        using var update = await SendJsonAsync(HttpMethod.Put, $"/2/lists/{AlicePublicList}", bob, new { name = "hijacked" });
        using var delete = await X.SendAsync(HttpMethod.Delete, $"/2/lists/{AlicePublicList}", bob);

        var json = await XSandboxClient.ReadJsonAsync(update, HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", json.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task OwnedLists_Paginate_WithMaxResults()
    {
        for (var i = 0; i < 3; i++)
        {
            using var create = await SendJsonAsync(HttpMethod.Post, "/2/lists", AliceToken, new { name = $"list {i}" });
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists?max_results=2" + (token is null ? "" : $"&pagination_token={token}"), AliceToken);
            seen.AddRange(Ids(page));
            token = page.GetProperty("meta").TryGetProperty("next_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task OwnedLists_Rejects_MaxResultsAbove100()
    {
        using var response = await X.GetAsync($"/2/users/{Alice}/owned_lists?max_results=101", AliceToken);

        await AssertInvalidRequestAsync(response, "max_results");
    }

    [Fact]
    public async Task ControlEditList_ChangesWhatTheOwnerSees_WithoutValidation()
    {
        var longName = new string('x', 40);
        await X.ControlAsync(HttpMethod.Patch, $"/_sandbox/lists/{AlicePrivateList}", new { name = longName, description = "edited on x.com" });

        var list = (await X.GetJsonAsync($"/2/lists/{AlicePrivateList}?list.fields=description", AliceToken)).GetProperty("data");

        Assert.Equal(longName, list.GetProperty("name").GetString());
        Assert.Equal("edited on x.com", list.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ControlDeleteList_RemovesItFromOwnedLists()
    {
        await X.ControlAsync(HttpMethod.Delete, $"/_sandbox/lists/{AlicePrivateList}");

        var owned = await X.GetJsonAsync($"/2/users/{Alice}/owned_lists", AliceToken);

        Assert.DoesNotContain(AlicePrivateList, Ids(owned));
    }

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.TryGetProperty("data", out var data) ? data.EnumerateArray().Select(l => l.GetProperty("id").GetString()!) : [];

    private static async Task AssertInvalidRequestAsync(HttpResponseMessage response, string parameter)
    {
        var json = await XSandboxClient.ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("https://api.x.com/2/problems/invalid-request", json.GetProperty("type").GetString());
        Assert.True(json.GetProperty("errors")[0].GetProperty("parameters").TryGetProperty(parameter, out _), $"the error must name `{parameter}`: {json}");
    }

    private Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, OAuthCredentials credentials, object body) =>
        X.SendAsync(method, path, credentials, JsonContent.Create(body));
}
