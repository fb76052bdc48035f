using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>
/// The app registrations providers keep per instance (<c>provider_apps</c>): one row per provider and instance hash,
/// replaced when the provider registers again.
/// </summary>
public sealed class ProviderAppRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The registration stored under any of <paramref name="instanceHashes"/> (one per master key), the first in their order.</summary>
    public async Task<ProviderAppRow?> FindAsync(string provider, IEnumerable<byte[]> instanceHashes, CancellationToken cancellationToken)
    {
        const string sql = """
            select provider, instance_hash, registration_ciphertext, created_at
            from provider_apps
            where provider = @Provider and instance_hash = any(@Hashes)
            """;
        var hashes = instanceHashes.ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProviderAppRow>(
            new CommandDefinition(sql, new { Provider = provider, Hashes = hashes }, cancellationToken: cancellationToken));
        return rows.OrderBy(row => Array.FindIndex(hashes, hash => hash.AsSpan().SequenceEqual(row.InstanceHash))).FirstOrDefault();
    }

    /// <summary>Stores a registration, replacing the one for the same provider and instance hash.</summary>
    public async Task SaveAsync(ProviderAppRow app, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into provider_apps (provider, instance_hash, registration_ciphertext, created_at)
            values (@Provider, @InstanceHash, @RegistrationCiphertext, @CreatedAt)
            on conflict (provider, instance_hash)
            do update set registration_ciphertext = excluded.registration_ciphertext, created_at = excluded.created_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, app, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets every registration of the provider on the instance (the instance no longer knows it).</summary>
    public async Task DeleteAsync(string provider, IEnumerable<byte[]> instanceHashes, CancellationToken cancellationToken)
    {
        const string sql = "delete from provider_apps where provider = @Provider and instance_hash = any(@Hashes)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(sql, new { Provider = provider, Hashes = instanceHashes.ToArray() }, cancellationToken: cancellationToken));
    }
}
