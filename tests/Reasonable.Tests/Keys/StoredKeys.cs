using Reasonable.Api.Auth;
using System.Net.Http.Json;
using Npgsql;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// What the tests can see of a user's keys from outside the API: the key list on the sandbox (opened with the test's
/// master key ring) and the rows in PostgreSQL. Also stages the states an interrupted rotation leaves behind.
/// </summary>
public sealed class StoredKeys(SignInServers servers)
{
    /// <summary>The user key the key list holds now.</summary>
    public async Task<UserKey> ListedUserKeyAsync(string providerUserId)
    {
        var list = await servers.KeyListAsync(providerUserId) ?? throw new InvalidOperationException("The user has no key list.");
        var wrapped = KeyListText.TryReadWrappedKey(list.GetProperty("description").GetString()) ?? throw new InvalidOperationException("The key list holds no key.");
        return UserKey.Unwrap(servers.MasterKeys, wrapped, "x", null, providerUserId);
    }

    public async Task<string> ListDescriptionAsync(string providerUserId) =>
        (await servers.KeyListAsync(providerUserId))?.GetProperty("description").GetString() ?? throw new InvalidOperationException("The user has no key list.");

    /// <summary>Writes <paramref name="userKey"/> into the user's key list, as a rotation that got that far would have.</summary>
    public async Task WriteListAsync(string providerUserId, UserKey userKey)
    {
        var list = await servers.KeyListAsync(providerUserId) ?? throw new InvalidOperationException("The user has no key list.");
        var description = KeyListText.Format(new Uri(servers.Api.BaseAddress, "/key-list"), userKey.Wrap(servers.MasterKeys, "x", null, providerUserId), 100);
        using var body = JsonContent.Create(new { description });
        using var response = await servers.Sandbox.Client.PatchAsync(new Uri($"/_sandbox/lists/{list.GetProperty("id").GetString()}", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>users.user_key_version and users.pending_user_key_version.</summary>
    public async Task<(int Current, int? Pending)> VersionsAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select user_key_version, pending_user_key_version from users where id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the user's row is gone");
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    /// <summary>The user's data key rows: version, current wrap, pending wrap.</summary>
    public async Task<List<(int Version, Ciphertext Wrapped, Ciphertext? Pending)>> DataKeyRowsAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "select version, wrapped_key_ciphertext, pending_wrapped_key_ciphertext from user_data_keys where user_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", userId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, Ciphertext, Ciphertext?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), new Ciphertext((byte[])reader[1]), reader.IsDBNull(2) ? null : new Ciphertext((byte[])reader[2])));
        }

        return rows;
    }

    /// <summary>Whether <paramref name="userKey"/> opens every current data key wrap of the user.</summary>
    public async Task<bool> OpensDataKeysAsync(UserKey userKey, Guid userId)
    {
        try
        {
            foreach (var (version, wrapped, _) in await DataKeyRowsAsync(userId))
            {
                DataKey.Unwrap(userKey, userId, (uint)version, wrapped).Dispose();
            }

            return true;
        }
        catch (CiphertextException)
        {
            return false;
        }
    }

    /// <summary>
    /// Step one of a rotation, as the API does it: every data key wrapped by <paramref name="next"/> beside the current
    /// wrap, and users.pending_user_key_version set. Returns nothing; the current wraps stay as they are.
    /// </summary>
    public async Task StagePendingRotationAsync(Guid userId, UserKey current, UserKey next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var rows = await DataKeyRowsAsync(userId);
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (version, wrapped, _) in rows)
        {
            using var dataKey = DataKey.Unwrap(current, userId, (uint)version, wrapped);
            await using var stage = new NpgsqlCommand(
                "update user_data_keys set pending_wrapped_key_ciphertext = @wrap where user_id = @id and version = @version", connection, transaction);
            stage.Parameters.AddWithValue("wrap", dataKey.Wrap(next, userId).ToArray());
            stage.Parameters.AddWithValue("id", userId);
            stage.Parameters.AddWithValue("version", version);
            await stage.ExecuteNonQueryAsync();
        }

        await using var mark = new NpgsqlCommand("update users set pending_user_key_version = @version where id = @id", connection, transaction);
        mark.Parameters.AddWithValue("version", (int)next.Version);
        mark.Parameters.AddWithValue("id", userId);
        await mark.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Every row anywhere that belongs to the user, as "table: count" for each table that has any: a users row by id,
    /// rows of every table with a user_id column, and sign-in codes of <paramref name="sessionIds"/>.
    /// </summary>
    public async Task<List<string>> RowsOfUserAsync(Guid userId, IReadOnlyCollection<Guid> sessionIds)
    {
        await using var connection = await OpenAsync();
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id' order by table_name", connection))
        await using (var reader = await find.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("user_data_keys", tables);
        var found = new List<string>();
        var queries = tables.Select(table => (table, $"select count(*) from \"{table}\" where user_id = @id"))
            .Append(("users", "select count(*) from users where id = @id"))
            .Append(("sign_in_codes", "select count(*) from sign_in_codes where session_id = any(@sessions)"));
        foreach (var (table, sql) in queries)
        {
            await using var count = new NpgsqlCommand(sql, connection);
            count.Parameters.AddWithValue("id", userId);
            count.Parameters.AddWithValue("sessions", sessionIds.ToArray());
            var rows = (long)(await count.ExecuteScalarAsync())!;
            if (rows > 0)
            {
                found.Add($"{table}: {rows}");
            }
        }

        return found;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(servers.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
