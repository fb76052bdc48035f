using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// One column that holds values sealed under a user's data key, each bound to (table, column, row id, owner). A
/// data-key rotation rewrites them in this order. A new column sealed under a data key must be added to
/// <see cref="All"/>, or a rotation leaves its values under the old key (and retiring that key makes them unreadable).
/// </summary>
public sealed record ReencryptedColumn(string Table, string Column, string OwnerColumn)
{
    /// <summary>Every column sealed under a data key. The names are fixed here, never taken from a request.</summary>
    public static IReadOnlyList<ReencryptedColumn> All { get; } =
    [
        new("users", "handle_ciphertext", "id"),
        new("users", "sync_secret_key_ciphertext", "id"),
        new("sessions", "name_ciphertext", "user_id"),
        new("accounts", "data_ciphertext", "user_id"),
        new("reasons", "content_ciphertext", "user_id"),
    ];

    public FieldLocation Location(Guid rowId) => new(Table, Column, rowId);

    /// <summary>The next rows after a cursor whose value is not under a given key id (bytes 2–5 of the ciphertext).</summary>
    public string BatchSql => $"""
        select id, {Column} as ciphertext from {Table}
        where {OwnerColumn} = @UserId and id > @After and {Column} is not null and substring({Column} from 2 for 4) <> @KeyId
        order by id limit @Limit
        """;

    /// <summary>Rewrites one value only if it is still the one that was read, so a concurrent write always wins.</summary>
    public string RewriteSql => $"""
        update {Table} set {Column} = @Rewritten
        where id = @Id and {OwnerColumn} = @UserId and {Column} = @Read
        """;

    /// <summary>How many of the user's values are not under a given key id.</summary>
    public string CountSql => $"""
        select count(*) from {Table}
        where {OwnerColumn} = @UserId and {Column} is not null and substring({Column} from 2 for 4) <> @KeyId
        """;
}
