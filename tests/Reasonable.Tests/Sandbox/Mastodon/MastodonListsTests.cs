using System.Net;
using System.Net.Http.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Lists: private to their owner, 50 per user, titles of at most 256 characters (unless the server predates 4.3.18).</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonListsTests(MastodonSandboxProcess sandbox) : MastodonSandboxTest(sandbox)
{
    private const string Alice = SeedAccounts.AliceId;

    [Fact]
    public async Task Create_Answers200_AndTheListIsReadBack()
    {
        using var create = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", "Reasonable:v1:abc"), ("replies_policy", "none"), ("exclusive", "false"));
        var list = await MastodonSandboxClient.ReadJsonAsync(create, HttpStatusCode.OK);
        var id = list.GetProperty("id").GetString();

        var all = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken);
        var one = await Mastodon.GetJsonAsync(Sandbox.Fedi, $"/api/v1/lists/{id}", AliceToken);
        var stored = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/lists");

        Assert.Equal("none", list.GetProperty("replies_policy").GetString());
        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal("Reasonable:v1:abc", one.GetProperty("title").GetString());
        Assert.Contains(stored.EnumerateArray(), l => l.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task UpdateWithPutOrPatch_KeepsWhatIsNotSent_AndDeleteAnswersEmptyObject()
    {
        using var put = await Mastodon.SendAsync(HttpMethod.Put, Sandbox.Fedi, "/api/v1/lists/101", AliceToken, JsonContent.Create(new { exclusive = true }));
        using var patch = await Mastodon.SendAsync(HttpMethod.Patch, Sandbox.Fedi, "/api/v1/lists/101", AliceToken, JsonContent.Create(new { title = "Renamed" }));
        using var delete = await Mastodon.SendAsync(HttpMethod.Delete, Sandbox.Fedi, "/api/v1/lists/101", AliceToken);
        using var gone = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/lists/101", AliceToken);

        Assert.Equal("Friends", (await MastodonSandboxClient.ReadJsonAsync(put, HttpStatusCode.OK)).GetProperty("title").GetString());
        var patched = await MastodonSandboxClient.ReadJsonAsync(patch, HttpStatusCode.OK);
        Assert.True(patched.GetProperty("exclusive").GetBoolean());
        Assert.Equal("Renamed", patched.GetProperty("title").GetString());
        Assert.Equal("{}", (await MastodonSandboxClient.ReadJsonAsync(delete, HttpStatusCode.OK)).GetRawText());
        await MastodonSandboxClient.ReadJsonAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherUsersList_IsNotFound_ForEveryVerb()
    {
        using var read = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/lists/103", AliceToken);
        using var write = await Mastodon.SendAsync(HttpMethod.Put, Sandbox.Fedi, "/api/v1/lists/103", AliceToken, JsonContent.Create(new { title = "mine now" }));
        using var delete = await Mastodon.SendAsync(HttpMethod.Delete, Sandbox.Fedi, "/api/v1/lists/103", AliceToken);
        var bob = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.BobId);

        foreach (var response in new[] { read, write, delete })
        {
            Assert.Equal("{\"error\":\"Record not found\"}", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.NotFound)).GetRawText());
        }

        Assert.Equal(["Family"], (await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/lists", bob)).EnumerateArray().Select(l => l.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("", "list", "Validation failed: Title can't be blank")]
    [InlineData("   ", "list", "Validation failed: Title can't be blank")]
    [InlineData("ok", "everyone", "Validation failed: Replies policy is not included in the list")]
    public async Task Create_RejectsInvalidFields_With422(string title, string policy, string message)
    {
        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", title), ("replies_policy", policy));

        Assert.Equal(message, (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)422)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Title_IsLimitedTo256CodePoints_UnlessThePre4318ModeIsOn()
    {
        var emoji256 = string.Concat(Enumerable.Repeat("😀", 256));
        using var fits = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", emoji256));
        using var tooLong = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", emoji256 + "x"));
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Put, "/_sandbox/modes", new { list_title_limit = false });
        using var old = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", new string('a', 1000)));

        await MastodonSandboxClient.ReadJsonAsync(fits, HttpStatusCode.OK);
        Assert.Equal("Validation failed: Title is too long (maximum is 256 characters)", (await MastodonSandboxClient.ReadJsonAsync(tooLong, (HttpStatusCode)422)).GetProperty("error").GetString());
        await MastodonSandboxClient.ReadJsonAsync(old, HttpStatusCode.OK);
    }

    [Fact]
    public async Task FiftyFirstList_IsRefused()
    {
        var filled = await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/lists/fill");

        using var response = await Mastodon.PostFormAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken, ("title", "one too many"));

        Assert.Equal(48, filled.GetProperty("created").GetInt32());
        Assert.Equal("Validation failed: You have reached the maximum number of lists", (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)422)).GetProperty("error").GetString());
        Assert.Equal(50, (await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken)).GetArrayLength());
    }

    [Fact]
    public async Task ControlEdits_AreSeenByTheApi()
    {
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Patch, "/_sandbox/lists/102", new { title = new string('t', 300) });
        await Sandbox.ControlAsync(Sandbox.Fedi, HttpMethod.Delete, "/_sandbox/lists/101");

        var lists = await Mastodon.GetJsonAsync(Sandbox.Fedi, "/api/v1/lists", AliceToken);

        Assert.Equal(300, lists.EnumerateArray().Single().GetProperty("title").GetString()!.Length);
    }

    [Fact]
    public async Task Lists_NeedAUserToken()
    {
        using var anonymous = await Mastodon.GetAsync(Sandbox.Fedi, "/api/v1/lists", null);

        await MastodonSandboxClient.ReadJsonAsync(anonymous, HttpStatusCode.Unauthorized);
    }
}
