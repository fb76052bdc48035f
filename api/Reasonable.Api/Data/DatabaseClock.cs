namespace Reasonable.Api.Data;

/// <summary>Times as PostgreSQL stores them (to the microsecond), so a time kept in a document equals the same time in a column.</summary>
public static class DatabaseClock
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
