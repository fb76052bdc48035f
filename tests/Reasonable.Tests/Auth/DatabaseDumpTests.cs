using Reasonable.Api.Auth;
using System.Net;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>
/// After realistic use (sign-ups, recovery codes, personal tokens, a lost and restored key list, notes written,
/// edited, deleted, searched and exported, a sync from X and a key rotation), a pg_dump of the
/// database holds none of the users' provider ids, handles, tokens or keys: not in plain text, hex or base64.
/// Nor does the API's log (its HttpClient logging would print X URLs, which carry the user's X id).
/// </summary>
[Collection(SignInTests.Name)]
public sealed class DatabaseDumpTests(SignInServers servers) : IAsyncLifetime
{
    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DumpAndLog_AfterRealisticUse_ContainNoSecretInAnyEncoding()
    {
        var secrets = new Dictionary<string, byte[]>();
        var aliceRecoveryCode = string.Empty;
        foreach (var (userId, handle, name) in new[] { (SeedData.AliceId, "alice", "Alice Ames"), (SeedData.CarolId, "carol", "Carol Chen") })
        {
            using var browser = new Browser(servers); // each person signs in from their own browser
            var code = await browser.SignInCodeAsync(userId);
            var token = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/auth/session", null, new { code }, HttpStatusCode.OK)).GetProperty("token").GetString()!;
            var recoveryCode = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery-code", token, null, HttpStatusCode.OK)).GetProperty("recoveryCode").GetString()!;
            aliceRecoveryCode = handle == "alice" ? recoveryCode : aliceRecoveryCode;
            var tokenName = $"{handle}'s export script";
            var personal = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = tokenName }, HttpStatusCode.Created)).GetProperty("token").GetString()!;
            Add(secrets, $"{handle}: provider user id", userId);
            Add(secrets, $"{handle}: handle", handle);
            Add(secrets, $"{handle}: display name", name);
            Add(secrets, $"{handle}: sign-in code", code);
            Add(secrets, $"{handle}: session token", token);
            Add(secrets, $"{handle}: session keys claim", token.Split('.')[1]);
            Add(secrets, $"{handle}: personal token", personal);
            Add(secrets, $"{handle}: personal token name", tokenName);
            Add(secrets, $"{handle}: recovery code", recoveryCode);
            Add(secrets, $"{handle}: recovery code, normalised", RecoveryCode.Normalize(recoveryCode));
            await AddKeysAsync(secrets, userId, handle);
            await WriteReasonsAsync(browser, token, handle, secrets);
            await ImportFilesAsync(browser, token, handle, secrets);
        }

        // Alice loses her key list and restores it: the restore path writes too.
        await servers.DeleteKeyListAsync(SeedData.AliceId);
        using (var laptop = new Browser(servers))
        {
            var locked = await laptop.SignInAsync(SeedData.AliceId);
            var restored = await laptop.ExpectJsonAsync(HttpMethod.Post, "/api/me/recovery/restore", locked, new { recoveryCode = aliceRecoveryCode }, HttpStatusCode.OK);
            Add(secrets, "alice: token after restore", restored.GetProperty("token").GetString()!);
        }

        // Carol signs in to the web app: its session records her browser's User-Agent (sealed, never in plain).
        using (var webApp = new Browser(servers))
        using (var http = new HttpClient())
        {
            const string userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 DumpTestFox/128.0";
            using var exchange = new HttpRequestMessage(HttpMethod.Post, new Uri(servers.Api.BaseAddress, "/api/auth/browser-session"))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { code = await webApp.SignInCodeAsync(SeedData.CarolId), keepSignedIn = true }),
            };
            exchange.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            exchange.Headers.Add("X-Reasonable-Request", "1");
            using var answer = await http.SendAsync(exchange);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            Add(secrets, "carol: browser User-Agent", userAgent);
            Add(secrets, "carol: browser name", "DumpTestFox");
            Add(secrets, "carol: session cookie", answer.Headers.GetValues("Set-Cookie").Single().Split(';')[0]["reasonable_session=".Length..]);
        }

        // Alice syncs from X (the job seals pages, her requests fold them) and rotates her key.
        using (var phone = new Browser(servers))
        {
            var token = await phone.SignInAsync(SeedData.AliceId);
            var sync = new Reasonable.Tests.Sync.SyncDriver(servers, phone, token);
            await sync.StartAsync();
            Assert.Equal("completed", (await sync.WaitUntilSettledAsync()).GetProperty("status").GetString());
            var blocked = await phone.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?relation=blocked&limit=5", token, null, HttpStatusCode.OK);
            Assert.Equal(5, blocked.GetProperty("items").GetArrayLength());
            foreach (var account in blocked.GetProperty("items").EnumerateArray())
            {
                var handle = account.GetProperty("handle").GetString()!;
                Add(secrets, $"synced account {handle}: handle", handle);
                Add(secrets, $"synced account {handle}: X id", account.GetProperty("providerAccountId").GetString()!);
                Add(secrets, $"synced account {handle}: name", account.GetProperty("displayName").GetString()!);
            }

            await phone.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", token, null, HttpStatusCode.OK);
            await AddKeysAsync(secrets, SeedData.AliceId, "alice after rotation");

            // ... and her data key: every value is rewritten under a new one, which reaches her sessions' inboxes.
            await phone.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate-data-key", token, null, HttpStatusCode.Accepted);
            await Keys.DataKeyRotationStatus.WaitUntilFinishedAsync(phone, token);
            await AddKeysAsync(secrets, SeedData.AliceId, "alice after data-key rotation");
            AddInboxSecret(secrets, token, "alice: session inbox secret key");
        }

        var dump = await SecretSearch.DumpAsync(servers.ConnectionString);

        Assert.Contains("hangfire", dump, StringComparison.Ordinal); // the dump is complete
        SecretSearch.AssertNoneIn(dump, servers.Api.Output, secrets);
        AssertSearchTokensAreSmallNumbersOnly(dump);
    }

    /// <summary>The secret key of the session's inbox, which only its token carries (sealed).</summary>
    private void AddInboxSecret(Dictionary<string, byte[]> secrets, string token, string what)
    {
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        using var set = SessionKeys.Open(servers.MasterKeys, Guid.Parse(jwt.GetClaim(SessionClaims.SessionId).Value), Guid.Parse(jwt.Subject), jwt.GetClaim(SessionClaims.Keys).Value);
        Assert.NotNull(set.InboxSecretKey);
        secrets[what] = (byte[])set.InboxSecretKey.Clone();
    }

    /// <summary>The search index holds nothing but truncated token numbers: no word, no prefix, no full-length hash.</summary>
    private static void AssertSearchTokensAreSmallNumbersOnly(string dump)
    {
        var start = dump.IndexOf("COPY public.search_tokens (", StringComparison.Ordinal);
        Assert.True(start >= 0, "the dump should hold the search index");
        var lines = dump[start..].Split('\n').Skip(1).TakeWhile(line => line != "\\.").ToList();
        Assert.True(lines.Count > 300, $"every account and reason should have its tokens, found {lines.Count} rows");
        foreach (var line in lines)
        {
            var tokens = line.Split('\t')[^1].Trim('{', '}');
            foreach (var token in tokens.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(
                    int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1 << Reasonable.Api.Search.SearchTokens.Bits,
                    $"a search token should be a number below 2^{Reasonable.Api.Search.SearchTokens.Bits}: {token}");
            }
        }
    }

    /// <summary>Notes about an account added by hand: written, edited, one deleted, searched and exported.</summary>
    private static async Task WriteReasonsAsync(Browser browser, string token, string handle, Dictionary<string, byte[]> secrets)
    {
        var targetId = handle == "alice" ? "1729384756102938475" : "1928374655647382910";
        var targetHandle = $"{handle}s_harasser_{targetId[..4]}";
        var targetName = $"Harasser Of {handle} Ünïcode";
        var account = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", token,
            new { providerAccountId = targetId, handle = targetHandle, displayName = targetName, avatarUrl = $"https://pbs.example/{targetHandle}.png" },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var text = $"{handle} wrote: they posted my home address on a Tuesday 🙁";
        var edited = $"{handle} edited: and my workplace, the next day";
        var deleted = $"{handle} deleted: a note about their alt account";
        var tag = $"{handle}-doxxing-tag";
        var occurredOn = handle == "alice" ? "1997-08-29" : "1998-02-14"; // when it happened lives in the ciphertext
        var reason = (await browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "block", text, tags = new[] { tag }, occurredAt = occurredOn }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await browser.ExpectJsonAsync(HttpMethod.Put, $"/api/reasons/{reason}", token, new { action = "block", text = edited, tags = new[] { tag }, version = 1 }, HttpStatusCode.OK);
        var gone = (await browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId = account, action = "mute", text = deleted }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using (var response = await browser.SendAsync(HttpMethod.Delete, $"/api/reasons/{gone}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var found = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?q=workplace&tag={tag}&relation=blocked", token, null, HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("items").GetArrayLength()); // not blocked yet: added by hand, before any sync
        var byHandle = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts?q=%40{targetHandle[..8]}%20workpl", token, null, HttpStatusCode.OK);
        Assert.Equal(1, byHandle.GetProperty("items").GetArrayLength()); // the search index found it by prefixes
        using (var export = await browser.SendAsync(HttpMethod.Get, "/api/export?format=csv", token))
        {
            Assert.Contains(edited, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Add(secrets, $"{handle}: target's X id", targetId);
        Add(secrets, $"{handle}: target's handle", targetHandle);
        Add(secrets, $"{handle}: target's name", targetName);
        Add(secrets, $"{handle}: reason text", text);
        Add(secrets, $"{handle}: edited reason text", edited);
        Add(secrets, $"{handle}: deleted reason text", deleted);
        Add(secrets, $"{handle}: tag", tag);
        Add(secrets, $"{handle}: the date the reason happened", occurredOn);
        Add(secrets, $"{handle}: a searched word", "workplace");
    }

    /// <summary>A Reasonable export and an X archive file imported: the files' ids, handles and texts are only stored sealed.</summary>
    private static async Task ImportFilesAsync(Browser browser, string token, string handle, Dictionary<string, byte[]> secrets)
    {
        var exportedId = handle == "alice" ? "1876543219876543210" : "1765432198765432109";
        var archiveId = handle == "alice" ? "1654321987654321098" : "1543219876543219876";
        var exportedHandle = $"{handle}s_imported_stalker";
        var reasonText = $"{handle}'s imported note: followed me from forum to forum 🕵️";
        var tag = $"{handle}-imported-tag";
        var export = System.Text.Json.JsonSerializer.Serialize(new
        {
            format = "reasonable-export/v1",
            user = new { provider = "x", handle },
            accounts = new[]
            {
                new
                {
                    account = new
                    {
                        providerAccountId = exportedId, handle = exportedHandle, displayName = $"Imported Stalker Of {handle}",
                        relations = new { blocked = new { firstSeen = "2025-01-02T03:04:05Z", since = "2025-01-02T03:04:05Z", lastSeen = "2025-02-02T03:04:05Z", past = Array.Empty<object>() } },
                        createdAt = "2025-01-02T03:04:05Z", lastActivityAt = "2025-02-02T03:04:05Z",
                    },
                    reasons = new[] { new { action = "block", text = reasonText, tags = new[] { tag }, version = 1, createdAt = "2025-01-02T03:05:00Z", updatedAt = "2025-01-02T03:05:00Z" } },
                },
            },
        });
        Assert.Equal(1, (await Importing.ImportFiles.ImportAsync(browser, token, export)).GetProperty("added").GetInt32());
        var archive = Importing.ImportFiles.Zip(("data/block.js", Importing.ImportFiles.XBlocks(archiveId)));
        Assert.Equal(1, (await Importing.ImportFiles.ImportAsync(browser, token, archive)).GetProperty("added").GetInt32());

        Add(secrets, $"{handle}: imported account's X id", exportedId);
        Add(secrets, $"{handle}: imported account's handle", exportedHandle);
        Add(secrets, $"{handle}: imported reason text", reasonText);
        Add(secrets, $"{handle}: imported tag", tag);
        Add(secrets, $"{handle}: archive's X id", archiveId);
        Add(secrets, $"{handle}: the archive file", Importing.ImportFiles.XBlocks(archiveId));
    }

    private async Task AddKeysAsync(Dictionary<string, byte[]> secrets, string providerUserId, string handle)
    {
        var description = (await servers.KeyListAsync(providerUserId))!.Value.GetProperty("description").GetString();
        using var userKey = UserKey.Unwrap(servers.MasterKeys, KeyListText.TryReadWrappedKey(description)!, "x", null, providerUserId);
        await SecretSearch.AddKeysAsync(secrets, servers.ConnectionString, userKey, handle);
    }

    private static void Add(Dictionary<string, byte[]> secrets, string what, string value) => SecretSearch.Add(secrets, what, value);
}
