using Npgsql;
using Reasonable.Api.Keys;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// What the database holds of a user's values sealed under data keys (every column a data-key rotation rewrites),
/// and the staging a test needs to put a rotation back to "half done".
/// </summary>
public sealed class StoredValues(SignInServers servers)
{
    /// <summary>"table.column: key id" for every value of the user, sorted, so a failure lists the stragglers.</summary>
    public async Task<List<(string Column, Guid RowId, uint KeyId)>> KeyIdsAsync(Guid userId)
    {
        var found = new List<(string, Guid, uint)>();
        await using var connection = await OpenAsync();
        foreach (var column in ReencryptedColumn.All)
        {
            await using var command = new NpgsqlCommand(
                $"select id, {column.Column} from {column.Table} where {column.OwnerColumn} = @user and {column.Column} is not null", connection);
            command.Parameters.AddWithValue("user", userId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(($"{column.Table}.{column.Column}", reader.GetGuid(0), new Ciphertext((byte[])reader[1]).KeyId));
            }
        }

        return found;
    }

    /// <summary>Asserts every value of the user is sealed under <paramref name="version"/>, naming those that are not.</summary>
    public async Task AssertAllUnderAsync(Guid userId, uint version, params string[] mustInclude)
    {
        var values = await KeyIdsAsync(userId);
        foreach (var column in mustInclude)
        {
            Assert.True(values.Any(value => value.Column == column), $"the test should have given the user a value in {column}");
        }

        var stragglers = values.Where(value => value.KeyId != version).Select(value => $"{value.Column} {value.RowId}: key {value.KeyId}").ToList();
        Assert.True(stragglers.Count == 0, $"every value should be under data key {version}, but: {string.Join("; ", stragglers)}");
    }

    /// <summary>user_data_keys: version and whether it is retired.</summary>
    public async Task<List<(int Version, bool Retired)>> DataKeysAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select version, retired_at is not null from user_data_keys where user_id = @user order by version", connection);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    /// <summary>
    /// Puts a finished rotation back to "half done", as a crash would leave it: the user's reasons sealed under the old
    /// key again (with <paramref name="keys"/>, which must hold both), the old key not retired, the cursor at the reasons.
    /// </summary>
    public async Task UndoReasonsAsync(Guid userId, UserKeyRing keys, uint oldVersion)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var old = new UserKeyRing(userId, [OldKey(keys, oldVersion)]);
        var reasons = ReencryptedColumn.All.Single(column => column.Table == "reasons");
        await using var connection = await OpenAsync();
        var rows = new List<(Guid, byte[])>();
        await using (var read = new NpgsqlCommand("select id, content_ciphertext from reasons where user_id = @user", connection))
        {
            read.Parameters.AddWithValue("user", userId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetGuid(0), (byte[])reader[1]));
            }
        }

        foreach (var (id, ciphertext) in rows)
        {
            var plaintext = keys.Decrypt(reasons.Location(id), new Ciphertext(ciphertext));
            await ExecuteAsync(connection, "update reasons set content_ciphertext = @value where id = @id", ("value", old.Encrypt(reasons.Location(id), plaintext).ToArray()), ("id", id));
        }

        await ExecuteAsync(connection, "update user_data_keys set retired_at = null where user_id = @user", ("user", userId));
        await ExecuteAsync(
            connection,
            "update data_key_rotations set finished_at = null, stage = @stage, cursor = null, sweep = 0, rewritten = rewritten - @count where user_id = @user",
            ("stage", ReencryptedColumn.All.ToList().IndexOf(reasons)), ("count", (long)rows.Count), ("user", userId));
    }

    public async Task<bool> RotationFinishedAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select finished_at is not null from data_key_rotations where user_id = @user", connection);
        command.Parameters.AddWithValue("user", userId);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Marks the user's latest rotation unfinished and aimed at a version no key has, so nothing can finish it.</summary>
    public async Task StageStuckRotationAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "update data_key_rotations set finished_at = null, to_version = 99 where user_id = @user", ("user", userId));
    }

    /// <summary>Seals <paramref name="plaintext"/> into a reason under data key <paramref name="version"/> (from <paramref name="keys"/>), as someone holding that key could.</summary>
    public async Task PlantReasonAsync(Guid userId, Guid reasonId, UserKeyRing keys, uint version, byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var only = new UserKeyRing(userId, [OldKey(keys, version)]);
        var location = ReencryptedColumn.All.Single(column => column.Table == "reasons").Location(reasonId);
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "update reasons set content_ciphertext = @value where id = @id", ("value", only.Encrypt(location, plaintext).ToArray()), ("id", reasonId));
    }

    /// <summary>Flips one byte of a reason's ciphertext, as a tampering database writer would.</summary>
    public async Task TamperReasonAsync(Guid reasonId)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(
            connection,
            "update reasons set content_ciphertext = set_byte(content_ciphertext, length(content_ciphertext) - 1, get_byte(content_ciphertext, length(content_ciphertext) - 1) # 1) where id = @id",
            ("id", reasonId));
    }

    /// <summary>The reason's stored ciphertext.</summary>
    public async Task<Ciphertext> ReasonCiphertextAsync(Guid reasonId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select content_ciphertext from reasons where id = @id", connection);
        command.Parameters.AddWithValue("id", reasonId);
        return new Ciphertext((byte[])(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Moves the user's last key-list check back by <paramref name="ago"/>, as time passing would.</summary>
    public async Task AgeKeyListCheckAsync(Guid userId, TimeSpan ago)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "update users set key_list_checked_at = key_list_checked_at - @ago where id = @user", ("ago", ago), ("user", userId));
    }

    /// <summary>A copy of one data key of <paramref name="keys"/>, taken through a session wrap (the ring keeps its keys to itself).</summary>
    private DataKey OldKey(UserKeyRing keys, uint version)
    {
        var session = Guid.NewGuid();
        var all = SessionKeys.Unwrap(servers.MasterKeys, session, keys.UserId, keys.WrapForSession(servers.MasterKeys, session, null));
        return all.Single(key => key.Version == version);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(servers.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
