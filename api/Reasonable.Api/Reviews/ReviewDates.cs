using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Http;

namespace Reasonable.Api.Reviews;

/// <summary>
/// The days review works with. A review date is from yesterday (a day that has begun somewhere) to ten years
/// ahead; "due" means on or before the caller's today, which may differ from the server's UTC date by a day.
/// </summary>
public static class ReviewDates
{
    public const int MaxYearsAhead = 10;

    /// <summary>How long before a timed mute ends it appears in Review.</summary>
    public static readonly TimeSpan MuteNotice = TimeSpan.FromDays(7);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime((time ?? throw new ArgumentNullException(nameof(time))).GetUtcNow().UtcDateTime);

    /// <summary>A review date to store (null clears), or a problem naming <c>reviewOn</c>.</summary>
    public static ProblemHttpResult? Check(DateOnly? reviewOn, DateOnly today) =>
        reviewOn is { } day && (day < today.AddDays(-1) || day > today.AddYears(MaxYearsAhead))
            ? Problems.Invalid("reviewOn", $"reviewOn is the day to look at this again: from today to {MaxYearsAhead} years ahead, such as {today.AddMonths(6):yyyy-MM-dd}; null clears it.")
            : null;

    /// <summary>The <c>until</c> query parameter (the caller's today, default the server's UTC date), or a problem naming it.</summary>
    public static (DateOnly Until, ProblemHttpResult? Problem) ReadUntil(string? until, DateOnly today)
    {
        if (until is null)
        {
            return (today, null);
        }

        return DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && Math.Abs(day.DayNumber - today.DayNumber) <= 1
            ? (day, null)
            : (default, Problems.Invalid("until", $"until is your today as YYYY-MM-DD (within a day of {today:yyyy-MM-dd}), or leave it out."));
    }
}
