using System.Net;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// After realistic Mastodon use (alice on fedi.example and carol on social.example sign up, take recovery codes and
/// write notes; alice loses and restores her key list and rotates her key), a pg_dump of the database and the API's
/// log hold none of what Mastodon told us: no instance, handle, account id, access token, app client id or secret,
/// nor any key list title, in plain text, hex, base64 or base64url. The instance's answers name all of them.
/// </summary>
[Collection(MastodonStackTests.Name)]
public sealed class MastodonDumpTests(SignInServers servers) : IAsyncLifetime
{
    private readonly MastodonKeyList lists = new(servers);

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DumpAndLog_AfterRealisticMastodonUse_ContainNoneOfItInAnyEncoding()
    {
        var secrets = new Dictionary<string, byte[]>();
        var aliceRecoveryCode = string.Empty;
        foreach (var (userId, username) in new[] { (MastodonKeyList.Alice, "alice"), (MastodonKeyList.Carol, "carol") })
        {
            var domain = MastodonKeyList.DomainOf(userId);
            using var browser = new Browser(servers);
            var token = await browser.SignInWithMastodonAsync(userId, domain);
            var recoveryCode = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
            aliceRecoveryCode = username == "alice" ? recoveryCode : aliceRecoveryCode;
            var account = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", token,
                new { providerAccountId = "109001000001000777", handle = $"troll_of_{username}@social.example", displayName = $"Troll of {username}" },
                HttpStatusCode.Created)).GetProperty("id").GetGuid();
            var reason = $"{username} wrote: they reply to every post of mine within a minute";
            await browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "mute", text = reason }, HttpStatusCode.Created);
            Assert.Equal($"{username}@{domain}", (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK)).GetProperty("handle").GetString());

            SecretSearch.Add(secrets, $"{username}: instance", domain);
            SecretSearch.Add(secrets, $"{username}: handle", $"{username}@{domain}");
            SecretSearch.Add(secrets, $"{username}: handle with @", $"@{username}@{domain}");
            SecretSearch.Add(secrets, $"{username}: username", username);
            SecretSearch.Add(secrets, $"{username}: Mastodon account id", userId);
            SecretSearch.Add(secrets, $"{username}: session token", token);
            SecretSearch.Add(secrets, $"{username}: recovery code", recoveryCode);
            SecretSearch.Add(secrets, $"{username}: reason text", reason);
            SecretSearch.Add(secrets, $"{username}: target's handle", $"troll_of_{username}@social.example");
            SecretSearch.Add(secrets, $"{username}: target's name", $"Troll of {username}");
            await AddKeyListAsync(secrets, userId, username);
        }

        // Alice loses her key list and restores it (a new list), then rotates her key (the list's title again).
        await lists.DeleteAsync(MastodonKeyList.Alice);
        using (var laptop = new Browser(servers))
        {
            var locked = await laptop.SignInWithMastodonAsync(MastodonKeyList.Alice);
            var restored = await laptop.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = aliceRecoveryCode }, HttpStatusCode.OK);
            var token = restored.GetProperty("token").GetString()!;
            await AddKeyListAsync(secrets, MastodonKeyList.Alice, "alice after restore");
            await laptop.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);
            await AddKeyListAsync(secrets, MastodonKeyList.Alice, "alice after rotation");
        }

        foreach (var instance in new[] { servers.Mastodon.Fedi, servers.Mastodon.Social })
        {
            var app = Assert.Single(await lists.AppsAsync(instance));
            SecretSearch.Add(secrets, $"{instance}: client_id", app.GetProperty("client_id").GetString()!);
            SecretSearch.Add(secrets, $"{instance}: client_secret", app.GetProperty("client_secret").GetString()!);
        }

        foreach (var userId in new[] { MastodonKeyList.Alice, MastodonKeyList.Carol })
        {
            foreach (var accessToken in await lists.TokensAsync(userId))
            {
                SecretSearch.Add(secrets, $"{userId}'s access token", accessToken.GetProperty("token").GetString()!);
            }
        }

        Assert.Contains(secrets.Keys, what => what.EndsWith("access token", StringComparison.Ordinal));
        SecretSearch.AssertNoneIn(await SecretSearch.DumpAsync(servers.ConnectionString), servers.Api.Output, secrets);
    }

    /// <summary>The key list's whole title, the key text in it, and the user and data keys it opens.</summary>
    private async Task AddKeyListAsync(Dictionary<string, byte[]> secrets, string userId, string who)
    {
        var title = await lists.TitleAsync(userId);
        SecretSearch.Add(secrets, $"{who}: key list title", title);
        SecretSearch.Add(secrets, $"{who}: key in the title", title[(title.LastIndexOf(' ') + 1)..]);
        using var userKey = await lists.ListedUserKeyAsync(userId);
        await SecretSearch.AddKeysAsync(secrets, servers.ConnectionString, userKey, who);
    }
}
