using System.Diagnostics;
using System.Text;
using Npgsql;
using Reasonable.Crypto;

namespace Reasonable.Tests.Support;

/// <summary>
/// Looks for secrets where they must never be: a pg_dump of the stack's database and the API's log, each secret in
/// plain UTF-8, hex, base64 and base64url. Secrets are named, so a failure says which one leaked and how.
/// </summary>
public static class SecretSearch
{
    public static void Add(Dictionary<string, byte[]> secrets, string what, string value)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        secrets[what] = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The user key and every data key it opens (found among all users' rows), as "<paramref name="who"/>: …".</summary>
    public static async Task AddKeysAsync(Dictionary<string, byte[]> secrets, string connectionString, UserKey userKey, string who)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(userKey);
        secrets[$"{who}: user key"] = (byte[])userKey.Key.Clone();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select k.user_id, k.version, k.wrapped_key_ciphertext from user_data_keys k", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            try
            {
                using var dataKey = DataKey.Unwrap(userKey, reader.GetGuid(0), (uint)reader.GetInt32(1), new Ciphertext((byte[])reader[2]));
                secrets[$"{who}: data key {dataKey.Version}"] = (byte[])dataKey.Key.Clone();
            }
            catch (CiphertextException)
            {
                // another user's data key
            }
        }

        Assert.Contains(secrets.Keys, key => key.StartsWith($"{who}: data key", StringComparison.Ordinal));
    }

    /// <summary>Asserts the dump is real (it has the schema and bytea values) and that no secret is in it or in the log.</summary>
    public static void AssertNoneIn(string dump, string log, IReadOnlyDictionary<string, byte[]> secrets)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(secrets);
        Assert.Contains("sign_in_requests", dump, StringComparison.Ordinal);
        Assert.Contains("\\x", dump, StringComparison.Ordinal);
        foreach (var (what, bytes) in secrets)
        {
            foreach (var (encoding, text) in Encodings(bytes))
            {
                Assert.False(dump.Contains(text, StringComparison.OrdinalIgnoreCase), $"The database dump contains {what} ({encoding}).");
                Assert.False(log.Contains(text, StringComparison.Ordinal), $"The API's log contains {what} ({encoding}).");
            }
        }
    }

    /// <summary>The whole database as pg_dump writes it (plain SQL).</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDump(), ["--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, "--no-password", connection.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {errors}");
        return await output;
    }

    private static string PgDump() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).OrderDescending().FirstOrDefault() ?? "pg_dump"
            : "pg_dump";

    private static IEnumerable<(string Encoding, string Text)> Encodings(byte[] bytes)
    {
        yield return ("UTF-8", Encoding.UTF8.GetString(bytes));
        yield return ("hex", Convert.ToHexString(bytes));
        var base64 = Convert.ToBase64String(bytes).TrimEnd('=');
        yield return ("base64", base64);
        yield return ("base64url", base64.Replace('+', '-').Replace('/', '_'));
    }
}
