namespace Reasonable.Sandbox.X.Auth;

/// <summary>A token credential. Like X's, it never expires; it dies only when revoked.</summary>
public sealed record AccessToken(string Token, string Secret, string UserId, string ConsumerKey);
