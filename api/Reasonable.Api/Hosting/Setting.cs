using System.Globalization;

namespace Reasonable.Api.Hosting;

/// <summary>
/// The one way Reasonable reads a setting from its environment. Every setting is optional here (the caller supplies
/// the default) and read once, while the host is composed; a value that does not parse refuses the start with a
/// <see cref="StartupRefusedException"/> that names the variable and what it must be.
/// </summary>
public static class Setting
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when unset.</summary>
    public static int? WholeNumber(IConfiguration configuration, string name, int min = 1, int max = int.MaxValue)
    {
        var text = Text(configuration, name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
        throw new StartupRefusedException($"{name} must be a whole number {range}, not '{text}'.");
    }

    /// <summary>An absolute http(s) URL, or null when unset; <paramref name="originOnly"/> refuses a path or query.</summary>
    public static Uri? HttpUrl(IConfiguration configuration, string name, bool originOnly, string example)
    {
        var text = Text(configuration, name);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && (!originOnly || (url.AbsolutePath == "/" && string.IsNullOrEmpty(url.Query))))
        {
            return url;
        }

        var what = originOnly ? "an http(s) origin" : "an absolute http(s) URL";
        throw new StartupRefusedException($"{name} must be {what} such as {example}, not '{text}'.");
    }

    /// <summary>One of <paramref name="choices"/>, or null when unset.</summary>
    public static string? Choice(IConfiguration configuration, string name, params string[] choices)
    {
        var text = Text(configuration, name);
        if (text is null || choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        throw new StartupRefusedException($"{name} must be {string.Join(" or ", choices.Select(choice => $"'{choice}'"))}, not '{text}'.");
    }

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public static string? Text(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[name];
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
