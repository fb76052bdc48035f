using Reasonable.Api.Providers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>
/// A signed-in user's side of sync for tests: start, poll GET /api/sync until the run settles, and read the user's
/// accounts straight from the database, opened with the data keys their token carries (the tests know the master key).
/// </summary>
public sealed class SyncDriver(SignInServers servers, Browser browser, string token)
{
    public string Token => token;

    public Guid UserId => Guid.Parse(Claim("sub"));

    public static async Task<SyncDriver> SignInAsync(SignInServers servers, Browser browser, string providerUserId) =>
        new(servers, browser, await browser.SignInAsync(providerUserId));

    public Task<JsonElement> StartAsync() => browser.ExpectJsonAsync(HttpMethod.Post, "/api/sync", token, null, HttpStatusCode.Accepted);

    public Task<JsonElement> StatusAsync() => browser.ExpectJsonAsync(HttpMethod.Get, "/api/sync", token, null, HttpStatusCode.OK);

    /// <summary>Polls GET /api/sync until <paramref name="done"/> holds for the status; fails with the last status if it never does.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement status;
        do
        {
            status = await StatusAsync();
            if (done(status))
            {
                return status;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Waited {seconds} s for {what}; the last status was {status}");
        return status;
    }

    /// <summary>Polls until the latest run completed or failed and every fetched page is folded; returns the run.</summary>
    public async Task<JsonElement> WaitUntilSettledAsync(int seconds = 60)
    {
        var status = await WaitForAsync(
            s => s.GetProperty("latestRun").ValueKind == JsonValueKind.Object
                && RunStatus(s) is "completed" or "failed"
                && s.GetProperty("pendingPages").GetInt32() == 0
                && (RunStatus(s) == "failed" || Relations(s).All(r => r.GetProperty("phase").GetString() == "folded")),
            "the sync to settle",
            seconds);
        return status.GetProperty("latestRun");
    }

    public static string? RunStatus(JsonElement status) => status.GetProperty("latestRun").ValueKind == JsonValueKind.Object
        ? status.GetProperty("latestRun").GetProperty("status").GetString()
        : null;

    public static IEnumerable<JsonElement> Relations(JsonElement status) =>
        (status.TryGetProperty("latestRun", out var run) ? run : status).GetProperty("relations").EnumerateArray();

    public static JsonElement Relation(JsonElement runOrStatus, string name) =>
        Relations(runOrStatus).Single(r => r.GetProperty("relation").GetString() == name);

    /// <summary>Every account row of the user, opened; fails if one does not open.</summary>
    public async Task<IReadOnlyList<(AccountRow Row, AccountDocument Document)>> AccountsAsync()
    {
        DapperSetup.Apply();
        using var keys = Keys();
        await using var connection = new NpgsqlConnection(servers.ConnectionString);
        var rows = await connection.QueryAsync<AccountRow>(
            """
            select id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at
            from accounts where user_id = @UserId
            """,
            new { UserId });
        return [.. rows.Select(row => (row, AccountCipher.Open(keys, row)))];
    }

    /// <summary>The provider ids of the accounts whose <paramref name="relation"/> is active.</summary>
    public async Task<HashSet<string>> ActiveAsync(Relation relation) =>
        [.. (await AccountsAsync()).Where(a => a.Document.Get(relation)?.Active == true).Select(a => a.Document.ProviderAccountId)];

    /// <summary>The user's data keys, from their token's keys claim.</summary>
    public UserKeyRing Keys()
    {
        var dataKeys = SessionKeys.Unwrap(servers.MasterKeys, Guid.Parse(Claim("sid")), UserId, Claim("keys"));
        return new UserKeyRing(UserId, dataKeys);
    }

    private string Claim(string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return document.RootElement.GetProperty(name).GetString()!;
    }
}
