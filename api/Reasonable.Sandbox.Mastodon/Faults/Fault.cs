namespace Reasonable.Sandbox.Mastodon.Faults;

/// <summary>
/// An armed fault for the next <see cref="Remaining"/> requests whose path matches <see cref="PathPrefix"/> (a path
/// prefix on segment boundaries, where a <c>*</c> segment matches any one segment) and, if set, <see cref="Method"/>.
/// </summary>
public sealed class Fault(string pathPrefix, string? method, FaultKind kind, int remaining, int status, int delayMilliseconds, int resetSeconds)
{
    public string PathPrefix { get; } = pathPrefix;

    public string? Method { get; } = method;

    public FaultKind Kind { get; } = kind;

    public int Remaining { get; internal set; } = remaining;

    public int Status { get; } = status;

    public int DelayMilliseconds { get; } = delayMilliseconds;

    public int ResetSeconds { get; } = resetSeconds;

    public bool Matches(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var pattern = PathPrefix.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return pattern.Length <= segments.Length
            && pattern.Select((p, i) => p == "*" || string.Equals(p, segments[i], StringComparison.Ordinal)).All(match => match);
    }
}
