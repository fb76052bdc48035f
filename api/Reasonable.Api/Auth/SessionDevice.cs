using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// A session's User-Agent, sealed by the server and bound to the session's row, so a dump shows no browser or
/// system. Only its owner gets it back (GET /api/sessions); the web app reduces it to "Firefox on Linux".
/// </summary>
public static class SessionDevice
{
    /// <summary>Longer User-Agents are cut: the first part names the browser and system.</summary>
    public const int MaxLength = 512;

    private static FieldLocation Location(Guid sessionId) => new("sessions", "user_agent_ciphertext", sessionId);

    public static Ciphertext? Seal(MasterKeyRing ring, Guid sessionId, string? userAgent)
    {
        var text = userAgent?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ProviderSecret.Seal(ring, Location(sessionId), text.Length > MaxLength ? text[..MaxLength] : text);
    }

    /// <summary>The User-Agent, or null when none was recorded or it does not open (moved or altered in the database).</summary>
    public static string? Open(MasterKeyRing ring, Guid sessionId, Ciphertext? sealedValue)
    {
        if (sealedValue is null)
        {
            return null;
        }

        try
        {
            return ProviderSecret.Open(ring, Location(sessionId), sealedValue);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }
}
