using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Reasons;

/// <summary>Turns a <see cref="ReasonContent"/> into a reasons row and back with the user's key ring.</summary>
public static class ReasonCipher
{
    public static ReasonRow Seal(UserKeyRing keys, Guid id, ReasonContent content, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(content);
        return new ReasonRow
        {
            Id = id,
            UserId = keys.UserId,
            AccountId = content.AccountId,
            ContentCiphertext = keys.Encrypt(Location(id), StoredDocuments.Write(content)),
            TagIndexes = [.. content.Tags.Select(tag => BlindIndexes.Tag(keys, tag)).DistinctBy(Convert.ToHexString)],
            Version = content.Version,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            SearchTokens = Search.SearchTokens.ForReason(keys, content),
        };
    }

    /// <summary>The row's content; throws <see cref="CiphertextException"/> when it was tampered with, moved or rolled back.</summary>
    public static ReasonContent Open(UserKeyRing keys, ReasonRow row)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(row);
        return Open(keys, row.Id, row.UserId, row.AccountId, row.Version, row.ContentCiphertext);
    }

    public static ReasonContent Open(UserKeyRing keys, Guid id, Guid userId, Guid accountId, int version, Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (userId != keys.UserId)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        var content = StoredDocuments.ReadReason(keys.Decrypt(Location(id), ciphertext))
            ?? throw new CiphertextException(CiphertextFailure.Forged);
        if (content.AccountId != accountId || content.Version != version)
        {
            throw new CiphertextException(CiphertextFailure.Forged);
        }

        return content;
    }

    public static FieldLocation Location(Guid reasonId) => new("reasons", "content_ciphertext", reasonId);
}
