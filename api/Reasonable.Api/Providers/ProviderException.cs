namespace Reasonable.Api.Providers;

/// <summary>
/// A provider call failed. The message names the route and the status only, never credentials, ids or handles.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ProviderFailure failure, string message, DateTimeOffset? retryAt = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        RetryAt = retryAt;
    }

    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderFailure Failure { get; } = ProviderFailure.Unavailable;

    /// <summary>When to try again: the rate-limit reset for <see cref="ProviderFailure.RateLimited"/>.</summary>
    public DateTimeOffset? RetryAt { get; }
}
