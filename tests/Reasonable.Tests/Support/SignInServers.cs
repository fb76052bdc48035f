using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Tests.Support;

/// <summary>
/// The whole sign-in path for real: PostgreSQL (a database of its own), the sandbox X server, the sandbox Mastodon
/// server (fedi.example and social.example) and the API binary pointed at them, with a master key the tests know so
/// they can check what is stored and forge tokens.
/// </summary>
public sealed class SignInServers : IAsyncLifetime, IDisposable
{
    private readonly PostgresServer postgres = new();

    public XSandboxProcess Sandbox { get; } = new();

    public MastodonSandboxProcess Mastodon { get; } = new();

    public ApiProcess Api { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public MasterKeyRing MasterKeys { get; private set; } = null!;

    /// <summary>The API's REASONABLE_MASTER_KEY, sealed for the development build keys.</summary>
    public string SealedMasterKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Sandbox.InitializeAsync(), Mastodon.InitializeAsync());
        ConnectionString = postgres.CreateDatabase();
        SealedMasterKey = DevelopmentKeys.NewSealedMasterKey();
        MasterKeys = new MasterKeyRing([Reasonable.Crypto.SealedMasterKey.Open(SealedMasterKey, DevelopmentKeys.BuildKeys)]);
        Api = await ApiProcess.StartAsync(Environment());
    }

    /// <summary>Back to a fresh world between tests: the sandbox's seed, and no users, sessions or sign-ins.</summary>
    public async Task ResetAsync()
    {
        await Task.WhenAll(Sandbox.ResetAsync(), Mastodon.ResetAsync());
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // The Mastodon sandbox forgets its app registrations on reset, so the API's copies go too; rate-limit windows
        // are shared by every API process on the database, so a test starts with none spent.
        await using var command = new Npgsql.NpgsqlCommand("truncate users, sign_in_requests, provider_apps, rate_limit_windows cascade", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The user's key list as the sandbox holds it (every field, private or not), or null when there is none.</summary>
    public async Task<System.Text.Json.JsonElement?> KeyListAsync(string providerUserId)
    {
        var lists = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
            Sandbox.Client, new Uri($"/_sandbox/users/{providerUserId}/lists", UriKind.Relative));
        foreach (var list in lists.GetProperty("data").EnumerateArray())
        {
            if (list.GetProperty("name").GetString() == KeyListName.Value)
            {
                return list;
            }
        }

        return null;
    }

    /// <summary>Deletes the user's key list as they could on x.com.</summary>
    public async Task DeleteKeyListAsync(string providerUserId)
    {
        var listId = (await KeyListAsync(providerUserId))?.GetProperty("id").GetString() ?? throw new InvalidOperationException("The user has no key list.");
        using var response = await Sandbox.Client.DeleteAsync(new Uri($"/_sandbox/lists/{listId}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The API's environment: this stack's database, sandbox and master key, and no sign-in rate limit to speak of.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        ["DATABASE_URL"] = PostgresServer.ToUrl(ConnectionString),
        ["REASONABLE_MASTER_KEY"] = SealedMasterKey,
        ["X_BASE_URL"] = Sandbox.BaseAddress.AbsoluteUri,
        ["X_CONSUMER_KEY"] = XSandboxProcess.ConsumerKey,
        ["X_CONSUMER_SECRET"] = XSandboxProcess.ConsumerSecret,
        ["MASTODON_INSTANCES"] = $"{MastodonSandboxProcess.FediDomain}={Mastodon.Fedi.GetLeftPart(UriPartial.Authority)},{MastodonSandboxProcess.SocialDomain}={Mastodon.Social.GetLeftPart(UriPartial.Authority)}",
        ["SIGN_IN_RATE_LIMIT"] = "100000",
        // Sync in seconds rather than minutes: a dead worker's job comes back in 3 s, due jobs are seen within 1 s.
        ["SYNC_INVISIBILITY_SECONDS"] = "3",
        ["SYNC_SCHEDULE_POLL_SECONDS"] = "1",
        ["SYNC_RETRY_SECONDS"] = "1",
        ["SYNC_RETRY_ATTEMPTS"] = "3",
        ["SYNC_START_RATE_LIMIT"] = "100",
        // A short fold budget, so large syncs fold and sweep across many requests, resuming where the last one stopped.
        ["SYNC_FOLD_MILLISECONDS"] = "300",
    };

    /// <summary>Kills the API (as a crash would) and starts a new one on the same port and database.</summary>
    public async Task RestartApiAsync()
    {
        var port = Api.Port;
        await Api.StopAsync();
        await Api.DisposeAsync();
        Api = await ApiProcess.StartAsync(Environment(), port);
    }

    public async Task DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        Sandbox.Dispose();
        Mastodon.Dispose();
        postgres.Dispose();
    }
}
