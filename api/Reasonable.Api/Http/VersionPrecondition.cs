namespace Reasonable.Api.Http;

/// <summary>
/// What a write asks of the row's current version: If-Match under RFC 9110's strong comparison (<c>*</c> matches any
/// version; a weak or foreign tag matches none, so it ends in 412 rather than 400), and the body's version field.
/// </summary>
public sealed record VersionPrecondition(bool AnyVersion, IReadOnlyList<int> Versions, int? BodyVersion)
{
    public bool Matches(int current) =>
        (AnyVersion || Versions.Contains(current)) && (BodyVersion is null || BodyVersion == current);

    /// <summary>The one version a conditional write can name in its SQL, or null when it must read the row first.</summary>
    public int? SingleVersion => Versions.Count == 1 && !AnyVersion && (BodyVersion is null || BodyVersion == Versions[0])
        ? Versions[0]
        : null;
}
