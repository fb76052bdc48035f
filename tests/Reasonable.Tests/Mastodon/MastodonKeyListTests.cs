using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Auth;
using Reasonable.Api.Providers;
using Reasonable.Crypto;
using Reasonable.Tests.Keys;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// The key list on Mastodon, through the real API, the Mastodon sandbox and PostgreSQL: the private list whose title
/// holds the user key, what the user is told when it is deleted, edited or replaced, a full account (50 lists), and
/// the recovery code bringing the list back with every note still readable. Nothing is ever silently re-keyed.
/// </summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonKeyListTests(SignInServers servers) : KeyStackTest(servers)
{
    private const string AliceId = MastodonKeyList.Alice;
    private const string CarolId = MastodonKeyList.Carol;
    private const string NoteText = "muted for reply-guy threads under every post";

    private MastodonKeyList Lists { get; } = new(servers);

    [Fact]
    public async Task FirstSignIn_CreatesOnePrivateList_WhoseTitleHoldsTheKeyThatOpensTheDataKeys()
    {
        var (_, userId) = await SignInAsync(AliceId);

        var lists = await Lists.ListsAsync(AliceId);
        Assert.Equal(["Friends", "Reading"], lists.Select(MastodonKeyList.Title).Where(title => !title.StartsWith(KeyListName.Value, StringComparison.Ordinal)));
        var list = Assert.Single(await Lists.KeyListsAsync(AliceId));
        var title = MastodonKeyList.Title(list);
        var helpUrl = new Uri(Servers.Api.BaseAddress, "/key-list").AbsoluteUri;
        Assert.StartsWith($"Reasonable key (pls keep) Don't change! ➡️ {helpUrl} ", title, StringComparison.Ordinal);
        var key = title[$"Reasonable key (pls keep) Don't change! ➡️ {helpUrl} ".Length..];
        Assert.Equal(41, KeyListText.CodePoints(key));
        Assert.True(KeyListText.CodePoints(title) <= 256, $"the title is {KeyListText.CodePoints(title)} code points; Mastodon keeps 256");
        Assert.Equal("none", list.GetProperty("replies_policy").GetString());
        Assert.False(list.GetProperty("exclusive").GetBoolean(), "an exclusive list would hide its members' posts from the home timeline");
        using var userKey = await Lists.ListedUserKeyAsync(AliceId);
        Assert.Equal(1u, userKey.Version);
        Assert.True(await Stored.OpensDataKeysAsync(userKey, userId), "the key in the list title must open the user's data keys");
        using var helpPage = await Browser.GetAsync(new Uri(helpUrl));
        Assert.Equal(HttpStatusCode.OK, helpPage.StatusCode);
    }

    [Fact]
    public async Task TheKeyInTheTitle_IsBoundToTheInstance_SoTheSameIdElsewhereCannotUseIt()
    {
        await SignInAsync(CarolId);

        var title = await Lists.TitleAsync(CarolId);
        var wrapped = KeyListText.TryReadWrappedKey(title[MastodonKeyList.TitlePrefix.Length..])!;
        UserKey.Unwrap(Servers.MasterKeys, wrapped, "mastodon", "social.example", CarolId).Dispose();
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Servers.MasterKeys, wrapped, "mastodon", "fedi.example", CarolId));
        Assert.Throws<CiphertextException>(() => UserKey.Unwrap(Servers.MasterKeys, wrapped, "x", null, CarolId));
    }

    [Theory]
    [InlineData("deleted", "missing")]
    [InlineData("renamed", "missing")]
    [InlineData("edited", "edited")]
    [InlineData("foreign", "undecryptable")]
    public async Task AChangedList_IsReportedWithHelp_DataRoutesAre409_AndNoKeyIsMadeBehindTheUsersBack(string change, string status)
    {
        var (token, userId) = await SignInAsync(AliceId);
        var account = await Notes.AddAccountAsync(token);
        await Notes.WriteReasonAsync(token, account, NoteText);
        var changedTitle = await ChangeKeyListAsync(change);

        var locked = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK);
        Assert.Equal(status, me.GetProperty("keyStatus").GetString());
        Assert.False(me.GetProperty("keysAvailable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("handle").ValueKind);
        var help = me.GetProperty("keyStatusHelp").GetString()!;
        Assert.Contains("Mastodon", help, StringComparison.Ordinal);
        Assert.Contains($"the private list \"{KeyListName.Value}\"", help, StringComparison.Ordinal);
        Assert.Contains("recovery code", help, StringComparison.Ordinal);
        Assert.DoesNotContain(" X ", help, StringComparison.Ordinal);
        foreach (var (method, path, body) in DataRoutes(account))
        {
            await Browser.ExpectProblemAsync(method, path, locked, body, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");
        }

        // Signing in again, and the first session's own calls, change nothing on the instance or in the database.
        await new Browser(Servers).SignInWithMastodonAsync(AliceId);
        foreach (var path in new[] { "/api/keys/rotate", "/api/me/recovery-code" })
        {
            var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, path, token, null, HttpStatusCode.Conflict, "/problems/key-list-needs-attention");
            Assert.Contains($"(the private list \"{KeyListName.Value}\") on Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(changedTitle, (await Lists.KeyListsAsync(AliceId)).Select(MastodonKeyList.Title).SingleOrDefault());
        Assert.Equal(change == "deleted" ? 2 : 3, (await Lists.ListsAsync(AliceId)).Count);
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));
        Assert.Single(await Stored.DataKeyRowsAsync(userId));
    }

    [Fact]
    public async Task ANewUserWithFiftyLists_GetsAPageSayingToDeleteOne_AndNothingIsStored_ThenSignsInOnceThereIsRoom()
    {
        await Lists.FillAsync(AliceId);

        var callback = await Browser.MastodonConsentAsync(await Browser.StartMastodonSignInAsync(), AliceId);
        using var response = await Browser.GetAsync(callback);

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"the callback answered {(int)response.StatusCode}: {page}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Your Mastodon account has no room for Reasonable's key list", page, StringComparison.Ordinal);
        Assert.Contains("Delete a list you no longer need on Mastodon, then try again.", page, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("select count(*) from users"));
        Assert.Equal(0, await CountAsync("select count(*) from user_data_keys"));
        Assert.Equal(0, await CountAsync("select count(*) from sessions"));
        Assert.Empty(await Lists.KeyListsAsync(AliceId));
        Assert.Equal(50, (await Lists.ListsAsync(AliceId)).Count);

        await Lists.DeleteAnotherListAsync(AliceId);
        var (token, userId) = await SignInAsync(AliceId);

        Assert.Equal("active", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
        Assert.Equal(50, (await Lists.ListsAsync(AliceId)).Count);
        using var userKey = await Lists.ListedUserKeyAsync(AliceId);
        Assert.True(await Stored.OpensDataKeysAsync(userKey, userId));
    }

    [Fact]
    public async Task ANewUserWithFiftyLists_OneOfThemLeftByAnEarlierAccount_SignsIn_ReusingThatList()
    {
        var (token, _) = await SignInAsync(AliceId);
        Assert.Equal(1, await Lists.RevokeTokensAsync(AliceId));
        Assert.True((await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", token, new { confirm = "delete my account" }, HttpStatusCode.OK)).GetProperty("keyListLeftOnProvider").GetBoolean());
        var leftover = await Lists.GetAsync(AliceId);
        await Lists.FillAsync(AliceId);

        var (_, userId) = await SignInAsync(AliceId);

        var list = Assert.Single(await Lists.KeyListsAsync(AliceId));
        Assert.Equal(MastodonKeyList.Id(leftover), MastodonKeyList.Id(list));
        Assert.NotEqual(MastodonKeyList.Title(leftover), MastodonKeyList.Title(list));
        Assert.Equal(50, (await Lists.ListsAsync(AliceId)).Count);
        using var userKey = await Lists.ListedUserKeyAsync(AliceId);
        Assert.True(await Stored.OpensDataKeysAsync(userKey, userId));
    }

    [Fact]
    public async Task Restore_OfADeletedList_OnAFullAccount_IsTheNoRoomProblem_AndChangesNothing_ThenWorksOnceThereIsRoom()
    {
        var (token, userId) = await SignInAsync(AliceId);
        var code = await RecoveryCodeAsync(token);
        await Lists.DeleteAsync(AliceId);
        await Lists.FillAsync(AliceId);
        var locked = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        var problem = await Browser.ExpectProblemAsync(
            HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.Conflict, "/problems/provider-no-room");

        Assert.Contains("Delete a list you no longer need on Mastodon", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Lists.KeyListsAsync(AliceId));
        Assert.Equal(50, (await Lists.ListsAsync(AliceId)).Count);
        Assert.Equal("missing", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());
        Assert.Equal((1, (int?)null), await Stored.VersionsAsync(userId));

        await Lists.DeleteAnotherListAsync(AliceId);
        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);
        Assert.True((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", restored.GetProperty("token").GetString(), null, HttpStatusCode.OK)).GetProperty("keysAvailable").GetBoolean());
    }

    [Fact]
    public async Task RecoveryCode_RestoresADeletedList_AsANewListWithTheSameKey_AndTheNotesOpenAgain()
    {
        var (token, userId) = await SignInAsync(AliceId);
        var account = await Notes.AddAccountAsync(token);
        await Notes.WriteReasonAsync(token, account, NoteText);
        var code = await RecoveryCodeAsync(token);
        var before = await Lists.GetAsync(AliceId);
        using var keyBefore = await Lists.ListedUserKeyAsync(AliceId);
        await Lists.DeleteAsync(AliceId);
        var locked = await new Browser(Servers).SignInWithMastodonAsync(AliceId);

        var restored = await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code.ToLowerInvariant() }, HttpStatusCode.OK);

        var restoredToken = restored.GetProperty("token").GetString()!;
        var after = await Lists.GetAsync(AliceId);
        Assert.NotEqual(MastodonKeyList.Id(before), MastodonKeyList.Id(after));
        Assert.Equal("none", after.GetProperty("replies_policy").GetString());
        using var keyAfter = await Lists.ListedUserKeyAsync(AliceId);
        Assert.Equal(keyBefore.Key, keyAfter.Key);
        Assert.Equal(keyBefore.Version, keyAfter.Version);
        Assert.True(await Stored.OpensDataKeysAsync(keyAfter, userId));
        var me = await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", restoredToken, null, HttpStatusCode.OK);
        Assert.Equal("active", me.GetProperty("keyStatus").GetString());
        Assert.Equal("alice@fedi.example", me.GetProperty("handle").GetString());
        Assert.Equal([NoteText], await Notes.ReasonTextsAsync(restoredToken, account));
        await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.Unauthorized);
        var again = await new Browser(Servers).SignInWithMastodonAsync(AliceId);
        Assert.Equal([NoteText], await Notes.ReasonTextsAsync(again, account));
    }

    [Fact]
    public async Task RecoveryCode_RestoresAnEditedList_InPlace()
    {
        var (token, userId) = await SignInAsync(AliceId);
        var code = await RecoveryCodeAsync(token);
        var before = await Lists.GetAsync(AliceId);
        await Lists.EditTitleAsync(AliceId, KeyListName.Value + " my blocklist notes");
        var locked = await new Browser(Servers).SignInWithMastodonAsync(AliceId);
        Assert.Equal("edited", (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", locked, null, HttpStatusCode.OK)).GetProperty("keyStatus").GetString());

        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = code }, HttpStatusCode.OK);

        var after = await Lists.GetAsync(AliceId);
        Assert.Equal(MastodonKeyList.Id(before), MastodonKeyList.Id(after));
        Assert.Equal(3, (await Lists.ListsAsync(AliceId)).Count);
        using var userKey = await Lists.ListedUserKeyAsync(AliceId);
        Assert.True(await Stored.OpensDataKeysAsync(userKey, userId));
    }

    [Fact]
    public async Task RecoveryCode_WhenTheUserRevokedTheApp_IsAConflictThatSaysToSignInWithMastodonAgain()
    {
        var (token, _) = await SignInAsync(AliceId);
        Assert.Equal(1, await Lists.RevokeTokensAsync(AliceId));

        var problem = await Browser.ExpectProblemAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.Conflict, "/problems/provider-access-revoked");

        Assert.Contains("Sign in with Mastodon again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False((await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("recoveryConfigured").GetBoolean());
    }

    /// <summary>Changes alice's key list as she could on the website; returns the key list's title after (null when none).</summary>
    private async Task<string?> ChangeKeyListAsync(string change)
    {
        switch (change)
        {
            case "deleted":
                await Lists.DeleteAsync(AliceId);
                return null;
            case "renamed":
                await Lists.EditTitleAsync(AliceId, "Notes about people");
                return null;
            case "edited":
                var title = await Lists.TitleAsync(AliceId);
                var edited = title[..(title.LastIndexOf(' ') + 1)] + "my notes";
                await Lists.EditTitleAsync(AliceId, edited);
                return edited;
            default:
                using (var foreignKey = UserKey.Generate(1))
                {
                    var foreign = Lists.TitleFor(AliceId, foreignKey, new MasterKeyRing([MasterKey.Generate()]));
                    await Lists.EditTitleAsync(AliceId, foreign);
                    return foreign;
                }
        }
    }

    /// <summary>Routes that need the user's data keys, one of each kind: read, write, export, act.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> DataRoutes(Guid account) =>
    [
        (HttpMethod.Get, "/api/tokens", null),
        (HttpMethod.Get, $"/api/accounts/{account}", null),
        (HttpMethod.Post, "/api/reasons", new { accountId = account, action = "block", text = "written without keys" }),
        (HttpMethod.Get, "/api/export?format=csv", null),
    ];

    private Task<UserSession> SignInAsync(string providerUserId) =>
        UserSession.SignInWithMastodonAsync(Browser, providerUserId, MastodonKeyList.DomainOf(providerUserId));

    private async Task<string> RecoveryCodeAsync(string token) =>
        (await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;

    private async Task<int> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        return await connection.ExecuteScalarAsync<int>(sql);
    }
}
