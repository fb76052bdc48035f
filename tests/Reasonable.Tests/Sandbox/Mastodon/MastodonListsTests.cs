using System.Net;
using System.Net.Http.Json;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>Lists: private to their owner, 50 per user, titles of at most 256 characters (unless the server predates 4.3.18).</summary>
[Collection(MastodonSandboxTests.Name)]
public sealed class MastodonListsTests(MastodonSandboxProcess sandbox) : IAsyncLifetime
{
    private const string Alice = SeedAccounts.AliceId;
    private readonly MastodonSandboxClient mastodon = new(sandbox);
    private string alice = null!;

    public async Task InitializeAsync()
    {
        await sandbox.ResetAsync();
        alice = await mastodon.SignInAsync(sandbox.Fedi, Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_Answers200_AndTheListIsReadBack()
    {
        using var create = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", "Reasonable:v1:abc"), ("replies_policy", "none"), ("exclusive", "false"));
        var list = await MastodonSandboxClient.ReadJsonAsync(create, HttpStatusCode.OK);
        var id = list.GetProperty("id").GetString();

        var all = await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/lists", alice);
        var one = await mastodon.GetJsonAsync(sandbox.Fedi, $"/api/v1/lists/{id}", alice);
        var stored = await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Get, $"/_sandbox/users/{Alice}/lists");

        Assert.Equal("none", list.GetProperty("replies_policy").GetString());
        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal("Reasonable:v1:abc", one.GetProperty("title").GetString());
        Assert.Contains(stored.EnumerateArray(), l => l.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task UpdateWithPutOrPatch_KeepsWhatIsNotSent_AndDeleteAnswersEmptyObject()
    {
        using var put = await mastodon.SendAsync(HttpMethod.Put, sandbox.Fedi, "/api/v1/lists/101", alice, JsonContent.Create(new { exclusive = true }));
        using var patch = await mastodon.SendAsync(HttpMethod.Patch, sandbox.Fedi, "/api/v1/lists/101", alice, JsonContent.Create(new { title = "Renamed" }));
        using var delete = await mastodon.SendAsync(HttpMethod.Delete, sandbox.Fedi, "/api/v1/lists/101", alice);
        using var gone = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/lists/101", alice);

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
        using var read = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/lists/103", alice);
        using var write = await mastodon.SendAsync(HttpMethod.Put, sandbox.Fedi, "/api/v1/lists/103", alice, JsonContent.Create(new { title = "mine now" }));
        using var delete = await mastodon.SendAsync(HttpMethod.Delete, sandbox.Fedi, "/api/v1/lists/103", alice);
        var bob = await mastodon.SignInAsync(sandbox.Fedi, SeedAccounts.BobId);

        foreach (var response in new[] { read, write, delete })
        {
            Assert.Equal("{\"error\":\"Record not found\"}", (await MastodonSandboxClient.ReadJsonAsync(response, HttpStatusCode.NotFound)).GetRawText());
        }

        Assert.Equal(["Family"], (await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/lists", bob)).EnumerateArray().Select(l => l.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("", "list", "Validation failed: Title can't be blank")]
    [InlineData("   ", "list", "Validation failed: Title can't be blank")]
    [InlineData("ok", "everyone", "Validation failed: Replies policy is not included in the list")]
    public async Task Create_RejectsInvalidFields_With422(string title, string policy, string message)
    {
        using var response = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", title), ("replies_policy", policy));

        Assert.Equal(message, (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)422)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Title_IsLimitedTo256CodePoints_UnlessThePre4318ModeIsOn()
    {
        var emoji256 = string.Concat(Enumerable.Repeat("😀", 256));
        using var fits = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", emoji256));
        using var tooLong = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", emoji256 + "x"));
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Put, "/_sandbox/modes", new { list_title_limit = false });
        using var old = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", new string('a', 1000)));

        await MastodonSandboxClient.ReadJsonAsync(fits, HttpStatusCode.OK);
        Assert.Equal("Validation failed: Title is too long (maximum is 256 characters)", (await MastodonSandboxClient.ReadJsonAsync(tooLong, (HttpStatusCode)422)).GetProperty("error").GetString());
        await MastodonSandboxClient.ReadJsonAsync(old, HttpStatusCode.OK);
    }

    [Fact]
    public async Task FiftyFirstList_IsRefused()
    {
        var filled = await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Post, $"/_sandbox/users/{Alice}/lists/fill");

        using var response = await mastodon.PostFormAsync(sandbox.Fedi, "/api/v1/lists", alice, ("title", "one too many"));

        Assert.Equal(48, filled.GetProperty("created").GetInt32());
        Assert.Equal("Validation failed: You have reached the maximum number of lists", (await MastodonSandboxClient.ReadJsonAsync(response, (HttpStatusCode)422)).GetProperty("error").GetString());
        Assert.Equal(50, (await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/lists", alice)).GetArrayLength());
    }

    [Fact]
    public async Task ControlEdits_AreSeenByTheApi()
    {
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Patch, "/_sandbox/lists/102", new { title = new string('t', 300) });
        await sandbox.ControlAsync(sandbox.Fedi, HttpMethod.Delete, "/_sandbox/lists/101");

        var lists = await mastodon.GetJsonAsync(sandbox.Fedi, "/api/v1/lists", alice);

        Assert.Equal(300, lists.EnumerateArray().Single().GetProperty("title").GetString()!.Length);
    }

    [Fact]
    public async Task Lists_NeedAUserToken()
    {
        using var anonymous = await mastodon.GetAsync(sandbox.Fedi, "/api/v1/lists", null);

        await MastodonSandboxClient.ReadJsonAsync(anonymous, HttpStatusCode.Unauthorized);
    }
}
