using Reasonable.Api.Data;
using Reasonable.Crypto;

namespace Reasonable.Api.Reasons;

/// <summary>A reason opened for one request: its row (ids, version, times) and decrypted content.</summary>
public sealed record ReasonView(ReasonRow Row, ReasonContent Content)
{
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
}
