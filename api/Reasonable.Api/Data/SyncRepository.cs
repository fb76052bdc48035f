using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>
/// Sync runs, their per-relation progress and sealed pages, as the job and the status endpoint see them. The job's
/// writes are guarded by the run being live, so a run that failed, completed or was deleted stops it quietly.
/// Times come from the database clock, so runs and pages compare correctly across nodes.
/// </summary>
public sealed class SyncRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The relations of a run, in the order the job fetches them.</summary>
    public static IReadOnlyList<string> RelationOrder { get; } = [.. Providers.RelationNames.All.Select(Providers.RelationNames.Name)];

    private const int JobLockClass = 0x53594E01;

    private const string RunColumns = "id, user_id, status, requested_at, started_at, finished_at, last_error";

    private const string RelationColumns = "run_id, relation, phase, cursor, fetched, pages, folded, attempts, waiting_until, last_error, updated_at";

    /// <summary>The user's sync public key (sealed by the server) and secret key (wrapped by their data key), or null.</summary>
    public async Task<(Ciphertext SealedPublicKey, Ciphertext WrappedSecretKey)?> KeysAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = "select sync_public_key, sync_secret_key_ciphertext from users where id = @UserId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(byte[]? PublicKey, byte[]? SecretKey)>(
            new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
        return row.PublicKey is null || row.SecretKey is null ? null : (new Ciphertext(row.PublicKey), new Ciphertext(row.SecretKey));
    }

    /// <summary>Stores the user's sync key pair unless they already have one (then theirs stays and this returns false).</summary>
    public async Task<bool> SetKeysAsync(Guid userId, Ciphertext sealedPublicKey, Ciphertext wrappedSecretKey, CancellationToken cancellationToken)
    {
        const string sql = """
            update users set sync_public_key = @PublicKey, sync_secret_key_ciphertext = @SecretKey, updated_at = now()
            where id = @UserId and sync_public_key is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = userId, PublicKey = sealedPublicKey, SecretKey = wrappedSecretKey }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Queues a new run with its three relations and returns it, or returns the user's live run if there is one.</summary>
    public async Task<SyncRunRow> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string insertRun = """
            insert into sync_runs (id, user_id, status, requested_at) values (@Id, @UserId, 'queued', now())
            on conflict (user_id) where status in ('queued', 'running', 'waiting') do nothing
            """;
        const string insertRelations = """
            insert into sync_relations (run_id, relation, phase, updated_at)
            select @Id, relation, 'pending', now() from unnest(@Relations) as relation
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var created = await connection.ExecuteAsync(new CommandDefinition(insertRun, new { Id = id, UserId = userId }, transaction, cancellationToken: cancellationToken)) == 1;
        if (created)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                insertRelations, new { Id = id, Relations = RelationOrder.ToArray() }, transaction, cancellationToken: cancellationToken));
        }

        var run = await connection.QuerySingleAsync<SyncRunRow>(new CommandDefinition(
            $"select {RunColumns} from sync_runs where user_id = @UserId and status = any(@Live)",
            new { UserId = userId, Live = SyncStates.Live.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    public async Task<SyncRunRow?> LiveRunAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = $"select {RunColumns} from sync_runs where user_id = @UserId and status = any(@Live)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SyncRunRow>(
            new CommandDefinition(sql, new { UserId = userId, Live = SyncStates.Live.ToArray() }, cancellationToken: cancellationToken));
    }

    public async Task<SyncRunRow?> LatestRunAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = $"select {RunColumns} from sync_runs where user_id = @UserId order by requested_at desc limit 1";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The run's relations in fetch order.</summary>
    public async Task<IReadOnlyList<SyncRelationRow>> RelationsAsync(Guid runId, CancellationToken cancellationToken)
    {
        const string sql = $"select {RelationColumns} from sync_relations where run_id = @RunId order by array_position(@Order, relation)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SyncRelationRow>(
            new CommandDefinition(sql, new { RunId = runId, Order = RelationOrder.ToArray() }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Pages fetched for the user and not folded yet.</summary>
    public async Task<int> PendingPagesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("select count(*)::int from sync_pages where user_id = @UserId", new { UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Holds the user's job lock (a session advisory lock) until disposed, or returns null when another worker has it:
    /// one user's run is fetched by one job at a time. A dead worker's connection closes and lets go of it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockJobAsync(Guid userId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var key = LockKey(userId);
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_lock(@Class, @Key)", new { Class = JobLockClass, Key = key }, cancellationToken: cancellationToken));
        if (!locked)
        {
            await connection.DisposeAsync();
            return null;
        }

        return new JobLock(connection, key);
    }

    /// <summary>A per-user lock key: a hash of the whole id, since time-ordered ids share their leading bytes.</summary>
    public static int LockKey(Guid userId) => BitConverter.ToInt32(SHA256.HashData(userId.ToByteArray()));

    public Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken) => ExecuteAsync(
        "update sync_runs set status = 'running', started_at = coalesce(started_at, now()) where id = @RunId and status = any(@Live)",
        new { RunId = runId, Live = SyncStates.Live.ToArray() },
        cancellationToken);

    /// <summary>The job starts (or resumes) fetching a relation.</summary>
    public Task MarkFetchingAsync(Guid runId, string relation, CancellationToken cancellationToken) => ExecuteAsync(
        """
        update sync_relations set phase = 'fetching', waiting_until = null, updated_at = now()
        where run_id = @RunId and relation = @Relation and phase in ('pending', 'waiting')
        """,
        new { RunId = runId, Relation = relation },
        cancellationToken);

    /// <summary>
    /// Stores a fetched page and moves the relation past it, in one transaction: a job killed at any point resumes
    /// exactly after the last page committed. False (and nothing written) when the page is no longer the next one or
    /// the run is no longer live.
    /// </summary>
    public async Task<bool> CommitPageAsync(
        Guid userId, Guid runId, string relation, int page, byte[] sealedAccounts, int accounts, string? nextCursor, CancellationToken cancellationToken)
    {
        const string insertPage = """
            insert into sync_pages (run_id, relation, page, user_id, sealed_accounts, fetched_at)
            select @RunId, @Relation, @Page, @UserId, @Sealed, now()
            where exists (select 1 from sync_runs where id = @RunId and status = any(@Live))
            on conflict do nothing
            """;
        const string advance = """
            update sync_relations
            set cursor = @Next, pages = pages + 1, fetched = fetched + @Accounts, phase = @Phase, attempts = 0,
                waiting_until = null, last_error = null, updated_at = now()
            where run_id = @RunId and relation = @Relation and pages = @Page
            """;
        var parameters = new
        {
            UserId = userId,
            RunId = runId,
            Relation = relation,
            Page = page,
            Sealed = sealedAccounts,
            Accounts = accounts,
            Next = nextCursor,
            Phase = nextCursor is null ? SyncStates.Fetched : SyncStates.Fetching,
            Live = SyncStates.Live.ToArray(),
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(insertPage, parameters, transaction, cancellationToken: cancellationToken)) != 1
            || await connection.ExecuteAsync(new CommandDefinition(advance, parameters, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The relation waits until <paramref name="until"/> (a rate-limit reset or a retry); so does the run.</summary>
    public Task WaitAsync(Guid runId, string relation, DateTimeOffset until, int attempts, string? lastError, CancellationToken cancellationToken)
    {
        const string sql = """
            update sync_relations set phase = 'waiting', waiting_until = @Until, attempts = @Attempts, last_error = @Error, updated_at = now()
            where run_id = @RunId and relation = @Relation;
            update sync_runs set status = 'waiting' where id = @RunId and status = any(@Live);
            """;
        return ExecuteAsync(
            sql, new { RunId = runId, Relation = relation, Until = until, Attempts = attempts, Error = lastError, Live = SyncStates.Live.ToArray() }, cancellationToken);
    }

    /// <summary>The run stops for good, with a sentence saying what the user can do (and the relation that failed, if any).</summary>
    public Task FailAsync(Guid runId, string? relation, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            update sync_relations set phase = 'failed', waiting_until = null, last_error = @Error, updated_at = now()
            where run_id = @RunId and relation = @Relation;
            update sync_runs set status = 'failed', finished_at = now(), last_error = @Error where id = @RunId and status = any(@Live);
            """;
        return ExecuteAsync(sql, new { RunId = runId, Relation = relation, Error = error, Live = SyncStates.Live.ToArray() }, cancellationToken);
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed class JobLock(NpgsqlConnection connection, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@Class, @Key)", new { Class = JobLockClass, Key = key });
            await connection.DisposeAsync();
        }
    }
}
