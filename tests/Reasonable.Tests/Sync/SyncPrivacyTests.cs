using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Sync;
using Reasonable.Crypto;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>What sync leaves where others can read it: sealed pages, Hangfire's tables, the API's log.</summary>
[Collection(SyncTests.Name)]
public sealed class SyncPrivacyTests(SignInServers servers) : StackTest(servers)
{
    private static readonly string[] AliceSecrets =
        [SeedData.AliceId, "alice", "Alice Ames", SeedData.CarolId, "carol", "Carol Chen", "2000000001", "user000001"];

    [Fact]
    public async Task SealedPages_HoldNoPlaintext_AndOpenOnlyWithTheUsersKeys()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await alice.StartAsync(); // no GET from here on: GET would fold (and delete) the pages

        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await connection.ExecuteScalarAsync<int>(
            "select count(*) from sync_relations r join sync_runs s on s.id = r.run_id where s.user_id = @UserId and r.phase = 'fetched'", new { alice.UserId }) < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not fetch all three relations within 60 s");
            await Task.Delay(200);
        }

        var pages = (await connection.QueryAsync<(Guid RunId, string Relation, int Page, byte[] Sealed)>(
            "select run_id, relation, page, sealed_accounts from sync_pages where user_id = @UserId", new { alice.UserId })).ToList();
        Assert.Equal(3, pages.Count);
        foreach (var page in pages)
        {
            AssertHoldsNone(page.Sealed, $"sealed {page.Relation} page");
        }

        var (publicKey, secretKey) = await connection.QuerySingleAsync<(byte[], byte[])>(
            "select sync_public_key, sync_secret_key_ciphertext from users where id = @UserId", new { alice.UserId });
        AssertHoldsNone(publicKey, "users.sync_public_key");
        using var keys = alice.Keys();
        using var pair = SyncKeys.Open(Servers.MasterKeys, keys, new Ciphertext(publicKey), new Ciphertext(secretKey));
        var blocking = pages.Single(p => p.Relation == "blocked");
        var accounts = JsonSerializer.Deserialize<JsonElement>(SyncSeal.Open(pair, new SyncPageBinding(alice.UserId, blocking.RunId, "blocked", blocking.Page), blocking.Sealed));
        Assert.Equal(251, accounts.GetArrayLength());
        Assert.Contains(accounts.EnumerateArray(), a => a.GetProperty("handle").GetString() == "carol");
    }

    [Fact]
    public async Task HangfireJobs_CarryOnlyTheUsersId_AndNoTableOrLogLineNamesTheUser()
    {
        var alice = await SyncDriver.SignInAsync(Servers, Browser, SeedData.AliceId);
        await Servers.Sandbox.ArmFaultAsync(new { path_prefix = $"/2/users/{SeedData.AliceId}/following", kind = "server_error", count = 1 });
        await alice.StartAsync();
        Assert.Equal("completed", (await alice.WaitUntilSettledAsync()).GetProperty("status").GetString());

        await using var connection = new NpgsqlConnection(Servers.ConnectionString);
        var arguments = (await connection.QueryAsync<string>(
            "select arguments::text from hangfire.job where arguments::text like '%' || @UserId || '%'", new { UserId = alice.UserId.ToString() })).ToList();
        Assert.True(arguments.Count >= 2, "the first run and the retry each have a job");
        foreach (var json in arguments)
        {
            var values = JsonSerializer.Deserialize<string?[]>(json)!;
            Assert.Equal(2, values.Length);
            Assert.Equal(JsonSerializer.Serialize(alice.UserId), values[0]);
            Assert.Null(values[1]); // the cancellation token's place: Hangfire passes its own
        }

        var hangfireText = string.Join('\n', await connection.QueryAsync<string>(
            """
            select coalesce(invocationdata::text, '') || coalesce(arguments::text, '') from hangfire.job
            union all select coalesce(data::text, '') || coalesce(reason, '') from hangfire.state
            union all select coalesce(value::text, '') from hangfire.jobparameter
            """));
        Assert.NotEmpty(hangfireText);
        foreach (var secret in AliceSecrets.Append(alice.Token))
        {
            Assert.False(hangfireText.Contains(secret, StringComparison.OrdinalIgnoreCase), $"Hangfire's tables hold '{secret}'");
            Assert.False(Servers.Api.Output.Contains(secret, StringComparison.Ordinal), $"the API's log holds '{secret}'");
        }
    }

    private static void AssertHoldsNone(byte[] stored, string what)
    {
        var text = Encoding.Latin1.GetString(stored);
        var hex = Convert.ToHexString(stored);
        var base64 = Convert.ToBase64String(stored);
        foreach (var secret in AliceSecrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{what} holds '{secret}' in plain text");
            Assert.False(hex.Contains(Convert.ToHexString(bytes), StringComparison.OrdinalIgnoreCase), $"{what} holds '{secret}' as hex");
            Assert.False(text.Contains(Convert.ToBase64String(bytes).TrimEnd('='), StringComparison.Ordinal), $"{what} holds '{secret}' as base64");
            Assert.False(base64.Contains(Convert.ToBase64String(bytes).TrimEnd('='), StringComparison.Ordinal), $"{what}'s base64 holds '{secret}'");
        }
    }
}
