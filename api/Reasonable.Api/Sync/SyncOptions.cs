using System.Globalization;
using Reasonable.Api.Hosting;

namespace Reasonable.Api.Sync;

/// <summary>Background sync settings, read once from the environment at start (each has a production default).</summary>
public sealed class SyncOptions
{
    /// <summary><c>SYNC_WORKER</c>: <c>off</c> runs no sync worker in this process (jobs are still enqueued for other nodes).</summary>
    public bool WorkerEnabled { get; init; } = true;

    /// <summary><c>SYNC_WORKERS</c>: how many jobs this process runs at once.</summary>
    public int WorkerCount { get; init; } = 2;

    /// <summary>
    /// <c>SYNC_INVISIBILITY_SECONDS</c>: how long a job taken by a worker stays hidden from the others. The worker keeps
    /// extending it while alive (sliding), so this is how soon a job whose process died is picked up again.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>SYNC_SCHEDULE_POLL_SECONDS</c>: how often scheduled jobs (rate-limit waits, retries) are checked for being due.</summary>
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>SYNC_RETRY_SECONDS</c>: the first wait after the provider fails to answer; it doubles with each further failure.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>SYNC_RETRY_ATTEMPTS</c>: failed calls in a row on one page before the run fails.</summary>
    public int RetryAttempts { get; init; } = 8;

    /// <summary><c>SYNC_FOLD_MILLISECONDS</c>: how long one request may spend folding fetched pages into accounts.</summary>
    public TimeSpan FoldBudget { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The longest wait between two retries, whatever the doubling says.</summary>
    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait for a rate-limit reset, whatever the provider says (their windows are 15 minutes).</summary>
    public static TimeSpan MaxRateLimitWait { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait before retrying after <paramref name="failures"/> failed calls in a row (1 → the base).</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var seconds = RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, failures - 1));
        return seconds >= MaxRetryDelay.TotalSeconds ? MaxRetryDelay : TimeSpan.FromSeconds(seconds);
    }

    public static SyncOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var worker = Setting.Choice(configuration, "SYNC_WORKER", "on", "off");

        var defaults = new SyncOptions();
        return new SyncOptions
        {
            WorkerEnabled = worker != "off",
            WorkerCount = (int)Number(configuration, "SYNC_WORKERS", defaults.WorkerCount),
            InvisibilityTimeout = TimeSpan.FromSeconds(Number(configuration, "SYNC_INVISIBILITY_SECONDS", defaults.InvisibilityTimeout.TotalSeconds)),
            SchedulePollingInterval = TimeSpan.FromSeconds(Number(configuration, "SYNC_SCHEDULE_POLL_SECONDS", defaults.SchedulePollingInterval.TotalSeconds)),
            RetryBase = TimeSpan.FromSeconds(Number(configuration, "SYNC_RETRY_SECONDS", defaults.RetryBase.TotalSeconds)),
            RetryAttempts = (int)Number(configuration, "SYNC_RETRY_ATTEMPTS", defaults.RetryAttempts),
            FoldBudget = TimeSpan.FromMilliseconds(Number(configuration, "SYNC_FOLD_MILLISECONDS", defaults.FoldBudget.TotalMilliseconds)),
        };
    }

    /// <summary>A positive whole number from the environment, or the default when unset.</summary>
    private static double Number(IConfiguration configuration, string name, double fallback) => Setting.WholeNumber(configuration, name) ?? fallback;
}
