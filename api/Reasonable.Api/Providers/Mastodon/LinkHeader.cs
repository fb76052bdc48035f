namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// Reads HTTP Link headers (RFC 8288): <c>&lt;https://host/path?x=1&gt;; rel="next", &lt;…&gt;; rel=prev</c>. The
/// targets are whatever the server wrote; callers check where one points before following it.
/// </summary>
public static class LinkHeader
{
    /// <summary>
    /// The target of the first link whose <c>rel</c> names <paramref name="relation"/> (rel holds space-separated
    /// names, compared case-insensitively), or null when none does. False when a header is malformed.
    /// </summary>
    public static bool TryFindTarget(IEnumerable<string> headerValues, string relation, out string? target)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        target = null;
        foreach (var value in headerValues)
        {
            var position = 0;
            while (true)
            {
                SkipSpaceAndCommas(value, ref position);
                if (position == value.Length)
                {
                    break;
                }

                if (!TryReadLink(value, ref position, out var linkTarget, out var rels))
                {
                    target = null;
                    return false;
                }

                if (target is null && rels.Any(rel => string.Equals(rel, relation, StringComparison.OrdinalIgnoreCase)))
                {
                    target = linkTarget;
                }
            }
        }

        return true;
    }

    /// <summary>One link-value: <c>&lt;target&gt;</c> then <c>; name[=value]</c> parameters, up to a comma or the end.</summary>
    private static bool TryReadLink(string text, ref int position, out string linkTarget, out List<string> rels)
    {
        linkTarget = string.Empty;
        rels = [];
        if (text[position] != '<')
        {
            return false;
        }

        var close = text.IndexOf('>', position + 1);
        if (close < 0)
        {
            return false;
        }

        linkTarget = text[(position + 1)..close].Trim();
        position = close + 1;
        var sawRel = false;
        while (true)
        {
            SkipSpace(text, ref position);
            if (position == text.Length || text[position] == ',')
            {
                return true;
            }

            if (text[position] != ';')
            {
                return false;
            }

            position++;
            SkipSpace(text, ref position);
            var name = ReadToken(text, ref position);
            if (name.Length == 0)
            {
                return false;
            }

            SkipSpace(text, ref position);
            string? parameter = null;
            if (position < text.Length && text[position] == '=')
            {
                position++;
                SkipSpace(text, ref position);
                parameter = position < text.Length && text[position] == '"' ? ReadQuoted(text, ref position) : ReadToken(text, ref position);
                if (parameter is null)
                {
                    return false;
                }
            }

            // RFC 8288 §3.3: only the first rel parameter counts.
            if (string.Equals(name, "rel", StringComparison.OrdinalIgnoreCase) && !sawRel && parameter is not null)
            {
                sawRel = true;
                rels.AddRange(parameter.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    private static string ReadToken(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && IsTokenChar(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    /// <summary>A quoted-string with backslash escapes; null when it never closes.</summary>
    private static string? ReadQuoted(string text, ref int position)
    {
        var builder = new System.Text.StringBuilder();
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                return builder.ToString();
            }

            if (c == '\\' && position + 1 < text.Length)
            {
                position++;
                c = text[position];
            }

            builder.Append(c);
        }

        return null;
    }

    // RFC 9110 tchar.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }
    }

    private static void SkipSpaceAndCommas(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or ',')
        {
            position++;
        }
    }
}
