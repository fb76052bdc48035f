using Dapper;
using Npgsql;

namespace Reasonable.Api.Data;

/// <summary>Reads and rewrites reasons for the user's tags. Every query is scoped by owner; sees only ciphertext and blind indexes.</summary>
public sealed class TagRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, account_id, content_ciphertext, tag_indexes, version, created_at, updated_at";

    /// <summary>The user's next <paramref name="limit"/> reasons by id after <paramref name="afterId"/> (every reason, in an order writes do not move).</summary>
    public async Task<IReadOnlyList<ReasonRow>> BatchAsync(Guid userId, Guid afterId, int limit, CancellationToken cancellationToken)
    {
        const string sql = $"select {Columns} from reasons where user_id = @UserId and id > @After order by id limit @Limit";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReasonRow>(new CommandDefinition(sql, new { UserId = userId, After = afterId, Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Locks the user's reasons whose tag indexes hold <paramref name="tagIndex"/> (a truncated index: candidates),
    /// lets <paramref name="rewrite"/> decide each one's new row (null leaves it), and writes them all in the same
    /// transaction, each only at the version it was read at. Answers how many were rewritten.
    /// </summary>
    public async Task<int> RewriteAsync(Guid userId, byte[] tagIndex, Func<ReasonRow, ReasonRow?> rewrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        const string candidates = $"select {Columns} from reasons where user_id = @UserId and tag_indexes @> array[@Index] order by id for update";
        const string update = """
            update reasons set content_ciphertext = @ContentCiphertext, tag_indexes = @TagIndexes, version = @Version, updated_at = @UpdatedAt
            where user_id = @UserId and id = @Id and version = @Version - 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReasonRow>(new CommandDefinition(candidates, new { UserId = userId, Index = tagIndex }, transaction, cancellationToken: cancellationToken));
        var rewritten = rows.Select(rewrite).OfType<ReasonRow>().ToList();
        if (rewritten.Count > 0)
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(update, rewritten, transaction, cancellationToken: cancellationToken));
            if (changed != rewritten.Count)
            {
                throw new InvalidOperationException("A locked reason changed during a tag rename."); // cannot happen under the row locks; rolls back
            }

            await SearchIndexRepository.WriteAsync(connection, transaction, rewritten.Select(SearchTokenRow.Of), cancellationToken); // the new tag is found, the old one no longer
        }

        await transaction.CommitAsync(cancellationToken);
        return rewritten.Count;
    }
}
