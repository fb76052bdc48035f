using System.Collections.Concurrent;
using System.Text;
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<AccountRow>(new CommandDefinition(ListSql(query, withLatestReason: false), Parameters(query), cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// One batch of the list as <see cref="ListAsync"/>, each account with its reason count and newest reason from the
    /// same rows (the account's copy of it), so a page of the list is one round trip and one index scan. The newest
    /// reason's <see cref="ReasonRow.TagIndexes"/> are left empty: nothing that lists reads them.
    /// </summary>
    public async Task<IReadOnlyList<ListedAccountRow>> ListWithLatestReasonAsync(AccountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow, int, ReasonRow?, ListedAccountRow>(
            new CommandDefinition(ListSql(query, withLatestReason: true), Parameters(query), cancellationToken: cancellationToken),
            (account, count, latest) => new ListedAccountRow(account, count, latest),
            splitOn: "reason_count,id");
        return [.. rows];
    }

    private static object Parameters(AccountQuery query) => new
    {
        query.UserId,
        query.RelationIndex,
        query.TagIndex,
        query.ProviderAccountIdIndex,
        query.HasReasons,
        query.AccountIds,
        query.HeldTokens,
        query.Window,
        AfterAt = query.After?.LastActivityAt,
        AfterId = query.After?.Id,
        query.Limit,
    };

    /// <summary>
    /// The list's statement with only the conditions this query uses: one statement per combination, so each is
    /// prepared with a plan for exactly its filters (a generic plan of "@x is null or …" conditions cannot use the
    /// keyset index well).
    /// </summary>
    private static string ListSql(AccountQuery query, bool withLatestReason)
    {
        var key = (query.RelationIndex is null ? 0 : 1) | (query.ProviderAccountIdIndex is null ? 0 : 2) | (query.TagIndex is null ? 0 : 4)
            | (query.HasReasons is null ? 0 : 8) | (query.AccountIds is null ? 0 : 16) | (query.HeldTokens is null ? 0 : 32)
            | (query.After is null ? 0 : 64) | (query.OldestFirst ? 128 : 0) | (query.HeldTokens is not null && query.Window is not null ? 256 : 0)
            | (withLatestReason ? 512 : 0);
        return ListStatements.GetOrAdd(key, static key =>
        {
            var columns = (key & 512) != 0 ? $"{Columns}, {LatestReasonCopy}" : Columns;
            var order = (key & 128) != 0 ? OldestOrder : NewestOrder;
            var rows = (key & 256) == 0 ? Statement(key, columns, "@Limit")
                // The window first (every other condition, in order, limited), then the tokens' probe over it.
                : $"select {columns} from (\n{Statement(key & ~(32 | 256), columns, "@Window")}) a\nwhere true\n{HeldTokensCondition}\n{order}\nlimit @Limit";
            return (key & 512) == 0 ? rows : $"select {ListedColumns} from (\n{rows}) a\n{order}";
        });
    }

    /// <summary>The statement of the conditions in <paramref name="key"/>, in list order, at most <paramref name="limit"/> rows.</summary>
    private static string Statement(int key, string columns, string limit)
    {
        var sql = new StringBuilder((key & 16) != 0 ? CandidatesFrom(columns) : $"select {columns} from accounts a\nwhere a.user_id = @UserId\n");
        foreach (var (bit, condition) in ListConditions)
        {
            if ((key & bit) != 0)
            {
                sql.Append(condition).Append('\n');
            }
        }

        var oldestFirst = (key & 128) != 0;
        if ((key & 64) != 0)
        {
            sql.Append(oldestFirst ? AfterOldest : AfterNewest).Append('\n');
        }

        return sql.Append(oldestFirst ? OldestOrder : NewestOrder).Append("\nlimit ").Append(limit).ToString();
    }

    private static readonly ConcurrentDictionary<int, string> ListStatements = new();

    private static readonly (int Bit, string Condition)[] ListConditions =
    [
        (1, "  and a.relation_indexes @> array[@RelationIndex::bytea]"),
        (2, "  and a.provider_account_id_index = @ProviderAccountIdIndex"),
        (4, TagCondition),
        (8, "  and @HasReasons = (a.reason_count > 0)"),
        (32, HeldTokensCondition),
    ];

    // A search's candidates are few next to the user's accounts: read them by id first (the primary key), then
    // filter and order them. Materialized, so no plan (a generic one, or one made while the user had far fewer
    // accounts) walks every account of the user in list order looking for them instead.
    private static string CandidatesFrom(string columns) => $"""
        with a as materialized (select {columns} from accounts where id = any(@AccountIds) and user_id = @UserId)
        select {columns} from a
        where a.user_id = @UserId

        """;

    // The account's copy of its newest reason and its reason count, kept by triggers on reasons (migration 0017), so
    // the page is one index scan of accounts with no probe of reasons per account.
    private const string LatestReasonCopy =
        "reason_count, latest_reason_id, latest_reason_ciphertext, latest_reason_version, latest_reason_created_at, latest_reason_updated_at";

    // The account's columns, its count, then the copy under the reasons row's names (a reasons row of this account and
    // owner, so it opens bound to exactly those; the list reads no tag indexes). Null when the account has no reason.
    private const string ListedColumns = """
        a.id, a.user_id, a.data_ciphertext, a.provider_account_id_index, a.relation_indexes, a.last_activity_at, a.created_at, a.updated_at, a.reason_count,
        a.latest_reason_id as id, a.user_id, a.id as account_id, a.latest_reason_ciphertext as content_ciphertext, '{}'::bytea[] as tag_indexes,
        a.latest_reason_version as version, a.latest_reason_created_at as created_at, a.latest_reason_updated_at as updated_at
        """;

    private const string TagCondition = """
          and exists (select 1 from reasons r where r.user_id = a.user_id and r.account_id = a.id and r.tag_indexes @> array[@TagIndex::bytea])
        """;

    // Every token in some row of the account: one probe of search_tokens by account per token, as the walk reaches the
    // account. "= any" on purpose: the GIN index cannot serve it, so the probe reads the account's few rows instead of
    // intersecting them with every row of the user holding the token (thousands for a common word), once per account.
    private const string HeldTokensCondition = """
          and not exists (select 1 from unnest(@HeldTokens::integer[]) q(t)
                          where not exists (select 1 from search_tokens s where s.account_id = a.id and q.t = any(s.tokens)))
        """;

    // The keyset condition and order use the (user_id, last_activity_at, id) index.
    private const string AfterNewest = "  and (a.last_activity_at, a.id) < (@AfterAt::timestamptz, @AfterId::uuid)";

    private const string AfterOldest = "  and (a.last_activity_at, a.id) > (@AfterAt::timestamptz, @AfterId::uuid)";

    private const string NewestOrder = "order by a.last_activity_at desc, a.id desc";

    private const string OldestOrder = "order by a.last_activity_at, a.id";
}
