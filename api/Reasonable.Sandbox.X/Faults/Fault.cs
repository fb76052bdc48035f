namespace Reasonable.Sandbox.X.Faults;

/// <summary>An armed fault: applies to the next <see cref="Remaining"/> requests whose path starts with <see cref="PathPrefix"/>.</summary>
public sealed class Fault(string pathPrefix, FaultKind kind, int remaining, int status, int delayMilliseconds, int resetSeconds)
{
    public string PathPrefix { get; } = pathPrefix;

    public FaultKind Kind { get; } = kind;

    public int Remaining { get; internal set; } = remaining;

    public int Status { get; } = status;

    public int DelayMilliseconds { get; } = delayMilliseconds;

    public int ResetSeconds { get; } = resetSeconds;
}
