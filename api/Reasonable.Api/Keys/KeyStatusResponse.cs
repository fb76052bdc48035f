namespace Reasonable.Api.Keys;

/// <summary>
/// The state of your keys. <c>keyStatus</c> is what the key list on the provider holds (read live at most every few
/// minutes; <c>keyListCheck</c> says whether this answer did, and <c>keyListCheckedAt</c> when it was last read);
/// <c>userKeyVersion</c> counts user-key rotations, <c>dataKeyVersion</c> data-key rotations, and
/// <c>dataKeyRotation</c> is the latest data-key rotation (null before the first).
/// </summary>
public sealed record KeyStatusResponse(
    string KeyStatus,
    KeyListCheckKind KeyListCheck,
    DateTimeOffset? KeyListCheckedAt,
    bool KeysAvailable,
    int UserKeyVersion,
    int DataKeyVersion,
    DataKeyRotationResponse? DataKeyRotation);
