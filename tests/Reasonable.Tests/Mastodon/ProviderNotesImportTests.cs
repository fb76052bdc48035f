using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;

namespace Reasonable.Tests.Mastodon;

/// <summary>POST /api/imports/provider-notes: alice's private Mastodon notes become reasons, once, and stay on the instance.</summary>
[Collection(MastodonStackTests.Name)]
public sealed class ProviderNotesImportTests(SignInServers servers) : StackTest(servers)
{
    private const string Alice = SeedAccounts.AliceId;
    private const string Route = "/api/imports/provider-notes";

    // Markup, quotes, SQL, a bidi override, emoji and line breaks: stored and answered exactly as written.
    private const string Hostile = "<img src=x onerror=alert(1)> \"quoted\" & 'single'\nRobert'); drop table reasons;--\n\u202Egnp.exe\u202C 🌈👩‍👩‍👧‍👦";

    private static readonly Dictionary<string, string> SeededNotes = new()
    {
        [SeedAccounts.CarolId] = Hostile,
        [SeedAccounts.OldHandleId] = "Spam account; moved to @newhandle.",
        [SeedAccounts.ScripterId] = "Posted <script> tags at me & my friends.",
        [AccountIds.Synthetic(0, 0)] = "Reply guy.",
        [AccountIds.Synthetic(1, 0)] = "Brigading from social.example.",
    };

    private Uri Fedi => Servers.Mastodon.Fedi;

    [Fact]
    public async Task Import_AfterASync_TurnsEachNoteIntoOneReason_WithItsExactText_AndLeavesTheNotesOnTheInstance()
    {
        await SetNoteAsync(SeedAccounts.CarolId, Hostile);
        var notesBefore = await InstanceNotesAsync(Alice);
        var alice = await SyncedAsync(Alice);

        var result = await ImportAsync(alice);

        Assert.Equal(((await alice.AccountsAsync()).Count, 5, 0, 0), Counts(result));
        foreach (var (id, text) in SeededNotes)
        {
            var reason = Assert.Single(await ReasonsAsync(alice, id));
            Assert.Equal(("other", text), (reason.GetProperty("action").GetString(), reason.GetProperty("text").GetString()));
            Assert.Equal(["imported-note"], reason.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        Assert.Equal(5, await ReasonCountAsync(alice.UserId));
        Assert.Equal(notesBefore, await InstanceNotesAsync(Alice));
        Assert.Equal(SeededNotes, notesBefore);
    }

    [Fact]
    public async Task Import_Again_ImportsNothingTwice_ButANoteChangedSinceIsImportedBesideTheOldOne()
    {
        var alice = await SyncedAsync(Alice);
        await ImportAsync(alice);

        var again = await ImportAsync(alice);
        await SetNoteAsync(SeedAccounts.ScripterId, "Posted <script> tags at me & my friends. Again in May.");
        var changed = await ImportAsync(alice);

        Assert.Equal((0, 5, 0), (again.GetProperty("imported").GetInt32(), again.GetProperty("alreadyImported").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal((1, 4), (changed.GetProperty("imported").GetInt32(), changed.GetProperty("alreadyImported").GetInt32()));
        var texts = (await ReasonsAsync(alice, SeedAccounts.ScripterId)).Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Posted <script> tags at me & my friends. Again in May.", "Posted <script> tags at me & my friends."], texts); // newest first
        Assert.Equal(6, await ReasonCountAsync(alice.UserId));
    }

    [Fact]
    public async Task Import_SkipsAndCountsNotesAReasonCannotHold_AndImportsTheRest()
    {
        await SetNoteAsync(SeedAccounts.BobId, new string('x', 10_001));
        await SetNoteAsync(SeedAccounts.DaveId, "bell \u0007 inside");
        var alice = await SyncedAsync(Alice);

        var result = await ImportAsync(alice);

        Assert.Equal((5, 0, 2), (result.GetProperty("imported").GetInt32(), result.GetProperty("alreadyImported").GetInt32(), result.GetProperty("skipped").GetInt32()));
        Assert.Empty(await ReasonsAsync(alice, SeedAccounts.BobId));
        Assert.Empty(await ReasonsAsync(alice, SeedAccounts.DaveId));
    }

    [Fact]
    public async Task Import_UsesOnlyTheCallersOwnAccountsAndNotes()
    {
        var alice = await SyncedAsync(Alice);
        using var bobsBrowser = new Browser(Servers);
        var bob = new SyncDriver(Servers, bobsBrowser, await bobsBrowser.SignInWithMastodonAsync(SeedAccounts.BobId));
        await bob.StartAsync();
        await bob.WaitUntilSettledAsync();

        var alices = await ImportAsync(alice);
        var bobsCountAfterAlice = await ReasonCountAsync(bob.UserId);
        var bobs = await bobsBrowser.ExpectJsonAsync(HttpMethod.Post, Route, bob.Token, null, HttpStatusCode.OK);

        Assert.Equal(5, alices.GetProperty("imported").GetInt32());
        Assert.Equal(0, bobsCountAfterAlice);
        Assert.Equal(((await bob.AccountsAsync()).Count, 1, 0, 0), Counts(bobs));
        Assert.Equal("Loud.", Assert.Single(await ReasonsAsync(bob, SeedAccounts.DaveId, bobsBrowser)).GetProperty("text").GetString());
        Assert.Empty(await ReasonsAsync(alice, SeedAccounts.DaveId)); // alice has dave too, but bob's note on him is bob's
        Assert.Equal(5, await ReasonCountAsync(alice.UserId));
    }

    [Fact]
    public async Task Import_WhenTheInstanceFails_AnswersTheProviderProblem_AndStoresNothing()
    {
        var alice = await SyncedAsync(Alice);
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/api/v1/accounts/relationships", kind = "server_error", count = 50, status = 502 });

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, Route, alice.Token, null, HttpStatusCode.ServiceUnavailable, "/problems/provider-unavailable");

        Assert.Contains("Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ReasonCountAsync(alice.UserId));
    }

    [Fact]
    public async Task Import_ForAProviderWithoutNotes_IsAConflictThatSaysWhy()
    {
        var token = await Browser.SignInAsync(Reasonable.Sandbox.X.State.SeedData.AliceId);

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, Route, token, null, HttpStatusCode.Conflict, "/problems/notes-not-supported");

        Assert.Contains("X does not keep private notes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutAToken_IsUnauthorized()
    {
        using var response = await Browser.SendAsync(HttpMethod.Post, Route, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<SyncDriver> SyncedAsync(string userId)
    {
        var user = new SyncDriver(Servers, Browser, await Browser.SignInWithMastodonAsync(userId));
        await user.StartAsync();
        Assert.Equal("completed", (await user.WaitUntilSettledAsync()).GetProperty("status").GetString());
        return user;
    }

    private Task<JsonElement> ImportAsync(SyncDriver user) => Browser.ExpectJsonAsync(HttpMethod.Post, Route, user.Token, null, HttpStatusCode.OK);

    private static (int, int, int, int) Counts(JsonElement result) => (
        result.GetProperty("accountsChecked").GetInt32(), result.GetProperty("imported").GetInt32(),
        result.GetProperty("alreadyImported").GetInt32(), result.GetProperty("skipped").GetInt32());

    /// <summary>The reasons of the user's account with this provider id, as GET /api/accounts/{id} answers them (newest first).</summary>
    private async Task<List<JsonElement>> ReasonsAsync(SyncDriver user, string providerAccountId, Browser? viewer = null)
    {
        var row = (await user.AccountsAsync()).Single(a => a.Document.ProviderAccountId == providerAccountId).Row;
        var detail = await (viewer ?? Browser).ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{row.Id}", user.Token, null, HttpStatusCode.OK);
        Assert.Equal(0, detail.GetProperty("unreadableReasons").GetInt32());
        return [.. detail.GetProperty("reasons").EnumerateArray()];
    }

    private async Task<int> ReasonCountAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*)::int from reasons where user_id = @UserId", new { UserId = userId });
    }

    private async Task SetNoteAsync(string targetId, string comment) =>
        await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Put, $"/_sandbox/users/{Alice}/notes/{targetId}", new { comment });

    private async Task<Dictionary<string, string>> InstanceNotesAsync(string userId)
    {
        var notes = await Servers.Mastodon.ControlAsync(Fedi, HttpMethod.Get, $"/_sandbox/users/{userId}/notes");
        return notes.EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetString()!);
    }
}
