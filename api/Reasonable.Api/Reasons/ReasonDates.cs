using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Http;

namespace Reasonable.Api.Reasons;

/// <summary>
/// Checks the date a reason says its event happened (<c>occurredAt</c>): from 1990 until tomorrow (a date typed
/// where the day has already begun, ahead of UTC), since nothing the user acted on happened later than that.
/// </summary>
public static class ReasonDates
{
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The date to store (<paramref name="fallback"/> when none is given), or a problem naming <c>occurredAt</c>.</summary>
    public static (DateTimeOffset OccurredAt, ProblemHttpResult? Problem) CheckOccurredAt(DateTimeOffset? given, DateTimeOffset fallback, DateTimeOffset now)
    {
        if (given is not { } value)
        {
            return (fallback, null);
        }

        return value < Earliest || value > now.AddDays(1)
            ? (default, Problems.Invalid("occurredAt", $"occurredAt is when it happened: a date from {Earliest:yyyy-MM-dd} until today, such as 2021-06-01 or 2021-06-01T12:00:00Z."))
            : (value.ToUniversalTime(), null);
    }
}
