using System.Globalization;
using System.Net;

namespace Reasonable.Api.Providers;

/// <summary>
/// Reads the server a user typed (<c>fedi.example</c>, <c>@me@fedi.example</c>, <c>https://fedi.example/</c>) as a
/// normalised host name: lower case, international names in their ASCII (punycode) form, no trailing dot. Anything
/// else (user info, a path, a query, an IP address, a port unless allowed) is refused with a sentence saying why: the
/// text comes from strangers and decides where the server sends requests.
/// </summary>
public static class InstanceName
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The normalised host (and <c>:port</c> when <paramref name="allowPorts"/>), or null with the reason in <paramref name="problem"/>.</summary>
    public static string? TryNormalise(string? typed, bool allowPorts, out string problem)
    {
        problem = string.Empty;
        var text = typed?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = "Type the name of your server, such as mastodon.social.";
            return null;
        }

        if (text.Length > 300)
        {
            problem = "That is far too long for a server name.";
            return null;
        }

        // A handle: @name@server or name@server names its server after the last @. The name part must look like a
        // user name, so user info (name:password@host) is refused rather than quietly dropped.
        if (!text.Contains("://", StringComparison.Ordinal) && text.Count(c => c == '@') is 1 or 2 && text.LastIndexOf('@') < text.Length - 1)
        {
            var handle = text.TrimStart('@');
            var at = handle.LastIndexOf('@');
            if (at >= 0 && (at == 0 || !handle[..at].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')))
            {
                problem = "Type only the server's name, such as mastodon.social: no path, user name or spaces.";
                return null;
            }

            text = at >= 0 ? handle[(at + 1)..] : handle;
        }

        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
            if (text.EndsWith('/'))
            {
                text = text[..^1];
            }
        }

        if (text.IndexOfAny(['/', '?', '#', '@', '\\', ' ', '%']) >= 0 || text.Any(char.IsControl))
        {
            problem = "Type only the server's name, such as mastodon.social: no path, user name or spaces.";
            return null;
        }

        if (text.StartsWith('[') || IPAddress.TryParse(text, out _))
        {
            problem = "Type the server's name, not its address.";
            return null;
        }

        string? port = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            port = text[(colon + 1)..];
            text = text[..colon];
            if (!allowPorts)
            {
                problem = "Type the server's name without a port, such as mastodon.social.";
                return null;
            }

            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                problem = "That port is not a number from 1 to 65535.";
                return null;
            }
        }

        text = text.TrimEnd('.');
        if (IPAddress.TryParse(text, out _))
        {
            problem = "Type the server's name, not its address.";
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = "That is not a valid server name.";
            return null;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253 || labels.Any(label => label.Length is 0 or > 63))
        {
            problem = "That is not a full server name: it needs a dot, as in mastodon.social.";
            return null;
        }

        return port is null ? ascii : $"{ascii}:{port}";
    }
}
