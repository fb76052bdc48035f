using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>Accounts the user acted on. Every query is scoped by owner; sees only ciphertext and blind indexes.</summary>
public sealed class AccountRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, data_ciphertext, provider_account_id_index, relation_indexes, last_activity_at, created_at, updated_at";

    /// <summary>Inserts the account unless the user already has one with its provider id; true when inserted.</summary>
    public async Task<bool> CreateAsync(AccountRow account, CancellationToken cancellationToken)
    {
        const string sql = $"""
            insert into accounts ({Columns})
            values (@Id, @UserId, @DataCiphertext, @ProviderAccountIdIndex, @RelationIndexes, @LastActivityAt, @CreatedAt, @UpdatedAt)
            on conflict (user_id, provider_account_id_index) do nothing
            """;
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, account, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return false;
        }

        await SearchIndexRepository.WriteAsync(connection, transaction, [SearchTokenRow.Of(account)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<AccountRow?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from accounts where user_id = @UserId and id = @Id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(sql, new { UserId = userId, Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<AccountRow?> FindByProviderAccountIdAsync(Guid userId, byte[] index, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from accounts where user_id = @UserId and provider_account_id_index = @Index";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(sql, new { UserId = userId, Index = index }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Deletes the user's account; its reasons and action requests go with it (their foreign keys cascade). False
    /// when the user has no account with that id.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        const string sql = """
            delete from accounts where user_id = @UserId and id = @Id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { UserId = userId, Id = id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>How many accounts the user has.</summary>
    public async Task<int> CountAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = "select count(*)::int from accounts where user_id = @UserId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { UserId = userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The user's next <paramref name="limit"/> accounts by id after <paramref name="afterId"/>: every account, in an order writes do not move.</summary>
    public async Task<IReadOnlyList<AccountRow>> BatchAsync(Guid userId, Guid afterId, int limit, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from accounts where user_id = @UserId and id > @After order by id limit @Limit";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AccountRow>(
            new CommandDefinition(sql, new { UserId = userId, After = afterId, Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>One batch of the list in order, filtered by blind indexes; the caller decrypts and checks each row.</summary>
    public async Task<IReadOnlyList<AccountRow>> ListAsync(AccountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = (query.OldestFirst, query.AccountIds is null) switch
        {
            (true, true) => OldestFirst,
            (false, true) => NewestFirst,
            (true, false) => CandidatesOldestFirst,
            (false, false) => CandidatesNewestFirst,
        };
        var parameters = new
        {
            query.UserId,
            query.RelationIndex,
            query.TagIndex,
            query.ProviderAccountIdIndex,
            query.HasReasons,
            query.AccountIds,
            AfterAt = query.After?.LastActivityAt,
            AfterId = query.After?.Id,
            query.Limit,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AccountRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }

    // Null parameters switch a filter off. The keyset condition uses the (user_id, last_activity_at, id) index.
    private const string Filters = """
        where a.user_id = @UserId
          and (@RelationIndex::bytea is null or a.relation_indexes @> array[@RelationIndex::bytea])
          and (@ProviderAccountIdIndex::bytea is null or a.provider_account_id_index = @ProviderAccountIdIndex)
          and (@TagIndex::bytea is null or exists (
                select 1 from reasons r where r.user_id = a.user_id and r.account_id = a.id and r.tag_indexes @> array[@TagIndex::bytea]))
          and (@HasReasons::boolean is null
               or @HasReasons = exists (select 1 from reasons r where r.user_id = a.user_id and r.account_id = a.id))
        """;

    private const string NewestPage = """
          and (@AfterAt::timestamptz is null or (a.last_activity_at, a.id) < (@AfterAt::timestamptz, @AfterId::uuid))
        order by a.last_activity_at desc, a.id desc
        limit @Limit
        """;

    private const string OldestPage = """
          and (@AfterAt::timestamptz is null or (a.last_activity_at, a.id) > (@AfterAt::timestamptz, @AfterId::uuid))
        order by a.last_activity_at, a.id
        limit @Limit
        """;

    // A search's candidates are few next to the user's accounts: read them by id (a plain condition, so the planner
    // can use the primary key), then order them, instead of walking every account in list order.
    private const string OnlyCandidates = "  and a.id = any(@AccountIds)";

    private const string NewestFirst = $"select {Columns} from accounts a\n{Filters}\n{NewestPage}";

    private const string OldestFirst = $"select {Columns} from accounts a\n{Filters}\n{OldestPage}";

    private const string CandidatesNewestFirst = $"select {Columns} from accounts a\n{Filters}\n{OnlyCandidates}\n{NewestPage}";

    private const string CandidatesOldestFirst = $"select {Columns} from accounts a\n{Filters}\n{OnlyCandidates}\n{OldestPage}";
}
