namespace Reasonable.Crypto;

/// <summary>
/// Where a sealed sync page belongs: its owner, run, relation and page number. It is packed inside the sealed
/// plaintext and checked on open, so a page copied to another user, run, relation or position refuses to open.
/// </summary>
public readonly record struct SyncPageBinding(Guid UserId, Guid RunId, string Relation, int Page)
{
    public byte[] ToBytes() =>
        AssociatedData.For("reasonable/sync-page/v1").Add(UserId).Add(RunId).Add(Relation).Add(checked((uint)Page)).ToBytes();
}
