namespace Reasonable.Api.Keys;

/// <summary>
/// A data-key rotation and how far re-encryption has got: <c>rewritten</c> of about <c>total</c> values (values
/// written meanwhile are caught by a last pass, so it can end a little above); <c>unreadable</c> values failed their
/// integrity check and were left as they are. <c>finishedAt</c> is null while it runs; it pauses while no request
/// of yours brings your keys (after a restart) and resumes with the next one.
/// </summary>
public sealed record DataKeyRotationResponse(
    int FromVersion, int ToVersion, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long Total, long Rewritten, long Unreadable)
{
    public static DataKeyRotationResponse From(DataKeyRotationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.FromVersion, row.ToVersion, row.StartedAt, row.FinishedAt, row.Total, row.Rewritten, row.Unreadable);
    }
}
