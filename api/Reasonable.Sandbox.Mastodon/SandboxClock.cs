namespace Reasonable.Sandbox.Mastodon;

/// <summary>
/// The sandbox's notion of "now" (rate-limit windows, code expiry, mute expiry), which tests can move forward with
/// <c>POST /_sandbox/clock/advance</c>. One clock for every instance, as they share one world.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
