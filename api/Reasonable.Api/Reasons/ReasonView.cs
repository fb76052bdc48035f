using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Reasons;

/// <summary>A reason opened for one request: its row (ids, version, times) and decrypted content.</summary>
public sealed record ReasonView(ReasonRow Row, ReasonContent Content)
{
    /// <summary>When it happened: the date the user gave, or when it was written for reasons older than that field.</summary>
    public DateTimeOffset OccurredAt => Content.OccurredAt ?? Row.CreatedAt;

    /// <summary>The row opened, or null when it fails its integrity check (it is then never shown).</summary>
    public static ReasonView? TryOpen(UserKeyRing keys, ReasonRow row)
    {
        try
        {
            return new ReasonView(row, ReasonCipher.Open(keys, row));
        }
        catch (CiphertextException)
        {
            return null;
        }
    }

    /// <summary>An account's timeline: by when it happened, newest first; equal dates by when they were written.</summary>
    public static IReadOnlyList<ReasonView> Timeline(IEnumerable<ReasonView> reasons) =>
        [.. reasons.OrderByDescending(reason => reason.OccurredAt).ThenByDescending(reason => reason.Row.CreatedAt).ThenByDescending(reason => reason.Row.Id)];
}
