namespace Reasonable.Api.Providers;

/// <summary>Why a provider call failed, in the terms callers act on.</summary>
public enum ProviderFailure
{
    /// <summary>The user revoked the app, or the credentials are otherwise dead (401): sign in again.</summary>
    Revoked,

    /// <summary>Rate limited (429): retry after <see cref="ProviderException.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>The provider is down, slow or answered nonsense (5xx, time-out, malformed body): retry with backoff.</summary>
    Unavailable,

    /// <summary>The provider refused this request (400, 403, 404): retrying the same request will not help.</summary>
    Rejected,

    /// <summary>The user's account has no room for what we tried to create (Mastodon: 50 lists at most): they must make room.</summary>
    NoRoom,
}
