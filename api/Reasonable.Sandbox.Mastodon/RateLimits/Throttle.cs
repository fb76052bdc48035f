namespace Reasonable.Sandbox.Mastodon.RateLimits;

/// <summary>Mastodon's rack-attack throttles that touch the API, by their names there.</summary>
public enum Throttle
{
    /// <summary>Per user (resource owner), any /api path: 1500 / 5 min.</summary>
    AuthenticatedApi,

    /// <summary>Per access token, any /api path: 300 / 5 min.</summary>
    PerTokenApi,

    /// <summary>Per IP when no user is behind the request (no token, or an app-only token): 300 / 5 min.</summary>
    UnauthenticatedApi,

    /// <summary>Per user, any request with max_id, min_id, since_id or page: 300 / 15 min.</summary>
    AuthenticatedPaging,

    /// <summary>Per IP, paging requests without a user: 300 / 15 min.</summary>
    UnauthenticatedPaging,

    /// <summary>Per IP, <c>POST /api/v1/apps</c>: 5 / 10 min.</summary>
    AppRegistrations,
}
