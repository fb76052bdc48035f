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

    /// <summary>
    /// The failure an HTTP status means, the same on every network: 401 the access is gone, 429 wait until
    /// <paramref name="retryAt"/>, other 4xx refused, anything else unavailable.
    /// </summary>
    public static ProviderException ForStatus(System.Net.HttpStatusCode status, string message, DateTimeOffset retryAt)
    {
        var code = (int)status;
        return status switch
        {
            System.Net.HttpStatusCode.Unauthorized => new ProviderException(ProviderFailure.Revoked, message),
            System.Net.HttpStatusCode.TooManyRequests => new ProviderException(ProviderFailure.RateLimited, message, retryAt),
            _ when code is >= 400 and < 500 => new ProviderException(ProviderFailure.Rejected, message),
            _ => new ProviderException(ProviderFailure.Unavailable, message),
        };
    }

    /// <summary>When to try again: the rate-limit reset for <see cref="ProviderFailure.RateLimited"/>.</summary>
    public DateTimeOffset? RetryAt { get; }
}
