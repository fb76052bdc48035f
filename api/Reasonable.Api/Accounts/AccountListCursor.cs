using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Reasonable.Api.Data;

namespace Reasonable.Api.Accounts;

/// <summary>
/// The opaque cursor of the accounts list: the position of the last item returned (its activity time and id).
/// It names no account; it only lets the next request continue after it.
/// </summary>
public static class AccountListCursor
{
    public static string Encode(AccountPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var text = string.Create(CultureInfo.InvariantCulture, $"{position.LastActivityAt.UtcTicks}.{position.Id:N}");
        return WebEncoders.Base64UrlEncode(System.Text.Encoding.ASCII.GetBytes(text));
    }

    public static bool TryDecode(string? cursor, out AccountPosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var parts = System.Text.Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(cursor)).Split('.');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                position = new AccountPosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
            // not base64url: reported below like any other malformed cursor
        }

        return false;
    }
}
