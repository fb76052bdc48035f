namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// A temporary credential from request_token. Mutable state (<see cref="Status"/>, user, verifier) changes only under
/// <see cref="TokenStore"/>'s lock.
/// </summary>
public sealed class RequestToken(string token, string secret, string callback, string consumerKey, DateTimeOffset expiresAt)
{
    public string Token { get; } = token;

    public string Secret { get; } = secret;

    /// <summary>An absolute URL, or <c>oob</c> for PIN mode.</summary>
    public string Callback { get; } = callback;

    public string ConsumerKey { get; } = consumerKey;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public RequestTokenStatus Status { get; internal set; } = RequestTokenStatus.Pending;

    public string? UserId { get; internal set; }

    public string? Verifier { get; internal set; }
}
