using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Turns an <see cref="AccountDocument"/> into an accounts row and back with the user's key ring. The document is
/// bound to its row and owner, and carries its provider id, so a ciphertext moved to another row fails to open.
/// </summary>
public static class AccountCipher
{
    public static AccountRow Seal(
        UserKeyRing keys, Guid id, AccountDocument document, DateTimeOffset lastActivityAt, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(document);
        return new AccountRow
        {
            Id = id,
            UserId = keys.UserId,
            DataCiphertext = keys.Encrypt(Location(id), StoredDocuments.Write(document)),
            ProviderAccountIdIndex = BlindIndexes.ProviderAccountId(keys, document.ProviderAccountId),
            RelationIndexes = [.. document.ActiveRelations().Select(relation => BlindIndexes.Relation(keys, relation))],
            LastActivityAt = lastActivityAt,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            SearchTokens = Search.SearchTokens.ForAccount(keys, document),
        };
    }

    /// <summary>The row's document; throws <see cref="CiphertextException"/> when it was tampered with or moved.</summary>
    public static AccountDocument Open(UserKeyRing keys, AccountRow row)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(row);
        if (row.UserId != keys.UserId)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        var document = StoredDocuments.ReadAccount(keys.Decrypt(Location(row.Id), row.DataCiphertext))
            ?? throw new CiphertextException(CiphertextFailure.Forged);
        // The index column is not authenticated: one that does not match the sealed id means the row was altered.
        if (!BlindIndexes.ProviderAccountId(keys, document.ProviderAccountId).AsSpan().SequenceEqual(row.ProviderAccountIdIndex))
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        return document;
    }

    public static FieldLocation Location(Guid accountId) => new("accounts", "data_ciphertext", accountId);
}
