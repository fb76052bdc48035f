namespace Reasonable.Api.RateLimits;

/// <summary>The kinds of request Reasonable limits, each with its own window (see <see cref="RateLimitOptions"/>).</summary>
public enum LimitedAction
{
    /// <summary>Starting or finishing a sign-in, exchanging its code, restoring a key list: per address.</summary>
    SignIn,

    /// <summary>Any route that writes the user's data: per user.</summary>
    Write,

    /// <summary>Replacing the user key: per user.</summary>
    KeyRotation,

    /// <summary>Starting a sync: per user.</summary>
    SyncStart,
}
