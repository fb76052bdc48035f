using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Providers;
using Reasonable.Api.Sync;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;

namespace Reasonable.Tests.Data;

/// <summary>
/// A database written by the schema before migration 0005 (an X user whose access sits in the oauth_token columns,
/// a live session, an account with a reason, and a sync run whose page was sealed under the old relation word)
/// upgrades with nothing lost: the same token, reason, key list and page all open afterwards.
/// </summary>
[Collection(UpgradeFrom0004Tests.Stack)]
public sealed class UpgradeFrom0004Tests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    /// <summary>A stack of its own: the test takes the schema back to 0004, which no other test should ever see.</summary>
    public const string Stack = "Upgrade stack";
    private const string LegacyPageAccount = "2000777001";
    private readonly Browser browser = new(servers);

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => browser.Dispose();

    [Fact]
    public async Task Upgrade_KeepsSessionsNotesKeyListAndAPendingSync()
    {
        var alice = await SyncDriver.SignInAsync(servers, browser, SeedData.AliceId);
        await alice.StartAsync();
        await alice.WaitUntilSettledAsync();
        var account = (await alice.AccountsAsync()).First(a => a.Document.ProviderAccountId == SeedData.CarolId).Row.Id;
        var reason = await browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", alice.Token, new { accountId = account, action = "block", text = "Dogpiled the thread in 2021.", tags = new[] { "dogpile" } }, HttpStatusCode.Created);
        var reasonId = reason.GetProperty("id").GetString();

        await servers.Api.StopAsync();
        await WriteAsTheOldSchemaDidAsync(alice.UserId);
        await servers.RestartApiAsync();

        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", alice.Token, null, HttpStatusCode.OK);
        Assert.Equal("alice", me.GetProperty("handle").GetString());
        Assert.True(me.GetProperty("keysAvailable").GetBoolean(), "the session made before the upgrade must still carry its keys");
        var kept = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/reasons/{reasonId}", alice.Token, null, HttpStatusCode.OK);
        Assert.Equal("Dogpiled the thread in 2021.", kept.GetProperty("text").GetString());

        // The page sealed under "blocking" folds into the blocked relation.
        var status = await alice.StatusAsync();
        Assert.Equal(["blocked", "muted", "following"], SyncDriver.Relations(status).Select(r => r.GetProperty("relation").GetString()));
        Assert.Contains(LegacyPageAccount, await alice.ActiveAsync(Relation.Blocked));

        // The access kept in the old columns still reaches X: rotating rewrites the key list through it.
        await browser.ExpectJsonAsync(HttpMethod.Post, "/api/keys/rotate", alice.Token, null, HttpStatusCode.OK);
        Assert.NotNull(await LegacyTokenAsync(alice.UserId));

        // The next sign-in moves the access into its one sealed column and clears the old ones.
        using var laterBrowser = new Browser(servers);
        var again = await laterBrowser.SignInAsync(SeedData.AliceId);
        Assert.Equal("alice", (await laterBrowser.ExpectJsonAsync(HttpMethod.Get, "/api/me", again, null, HttpStatusCode.OK)).GetProperty("handle").GetString());
        Assert.Null(await LegacyTokenAsync(alice.UserId));
    }

    /// <summary>
    /// Rewrites the rows as the code before 0005 stored them and takes the schema back to 0004: the access into the
    /// oauth_token columns (sealed where that code sealed them), the old relation words, and a page sealed under one.
    /// </summary>
    private async Task WriteAsTheOldSchemaDidAsync(Guid userId)
    {
        var ring = servers.MasterKeys;
        await using var connection = new NpgsqlConnection(servers.ConnectionString);
        await connection.OpenAsync();
        var access = await connection.QuerySingleAsync<byte[]>("select provider_access_ciphertext from users where id = @userId", new { userId });
        using var blob = JsonDocument.Parse(ProviderSecret.Open(ring, new FieldLocation("users", "provider_access_ciphertext", userId), new Ciphertext(access)));
        var token = ProviderSecret.Seal(ring, new FieldLocation("users", "oauth_token_ciphertext", userId), blob.RootElement.GetProperty("token").GetString()!);
        var secret = ProviderSecret.Seal(ring, new FieldLocation("users", "oauth_token_secret_ciphertext", userId), blob.RootElement.GetProperty("secret").GetString()!);
        await connection.ExecuteAsync(
            "update users set oauth_token_ciphertext = @Token, oauth_token_secret_ciphertext = @Secret where id = @userId",
            new { Token = token.ToArray(), Secret = secret.ToArray(), userId });

        var sealedPublicKey = await connection.QuerySingleAsync<byte[]>("select sync_public_key from users where id = @userId", new { userId });
        var publicKey = SyncKeys.OpenPublicKey(ring, userId, new Ciphertext(sealedPublicKey));
        var runId = Guid.NewGuid();
        var page = JsonSerializer.SerializeToUtf8Bytes(new[] { new { id = LegacyPageAccount, handle = "legacy_page", name = "Sealed before 0005", avatarUrl = (string?)null } });
        var sealedPage = SyncSeal.Seal(publicKey, new SyncPageBinding(userId, runId, "blocking", 0), page);

        await connection.ExecuteAsync("""
            alter table users drop column provider_access_ciphertext, drop column provider_instance_ciphertext;
            alter table users drop constraint users_provider_check;
            alter table users add constraint users_provider_check check (provider in ('x', 'mastodon'));
            drop table provider_apps;
            drop table action_requests;
            alter table sync_pages drop constraint sync_pages_relation_check;
            alter table sync_relations drop constraint sync_relations_relation_check;
            update sync_relations set relation = case relation when 'blocked' then 'blocking' when 'muted' then 'muting' else relation end;
            alter table sync_relations add constraint sync_relations_relation_check check (relation in ('blocking', 'muting', 'following'));
            delete from schema_migrations where scriptname = 'Migrations.0005_providers.sql';
            """);
        await connection.ExecuteAsync("""
            insert into sync_runs (id, user_id, status, requested_at, started_at) values (@runId, @userId, 'running', now(), now());
            insert into sync_relations (run_id, relation, phase, cursor, fetched, pages, folded, attempts, updated_at) values
                (@runId, 'blocking', 'fetching', 'next-page', 1, 1, 0, 0, now()),
                (@runId, 'muting', 'pending', null, 0, 0, 0, 0, now()),
                (@runId, 'following', 'pending', null, 0, 0, 0, 0, now());
            insert into sync_pages (run_id, relation, page, user_id, sealed_accounts, fetched_at) values (@runId, 'blocking', 0, @userId, @page, now());
            """,
            new { runId, userId, page = sealedPage });
    }

    private async Task<byte[]?> LegacyTokenAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(servers.ConnectionString);
        return await connection.QuerySingleAsync<byte[]?>("select oauth_token_ciphertext from users where id = @userId", new { userId });
    }
}

/// <summary>The upgrade test's own API, sandboxes and database.</summary>
[CollectionDefinition(UpgradeFrom0004Tests.Stack)]
public sealed class UpgradeStackTests : ICollectionFixture<SignInServers>;
