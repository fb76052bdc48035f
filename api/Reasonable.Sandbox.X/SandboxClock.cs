namespace Reasonable.Sandbox.X;

/// <summary>
/// The sandbox's notion of "now" for rate-limit windows and request-token expiry, which tests can move forward
/// (<c>POST /_sandbox/clock/advance</c>). OAuth timestamps are checked against the real clock instead, so a client
/// never has to know the sandbox's offset to sign.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
