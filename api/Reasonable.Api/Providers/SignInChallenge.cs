namespace Reasonable.Api.Providers;

/// <summary>
/// A started sign-in. <see cref="State"/> comes back in the provider's callback and finds the challenge again
/// (X: the request token); <see cref="Secret"/> never leaves the server (X: the request token secret).
/// </summary>
public sealed record SignInChallenge(Uri AuthorizeUrl, string State, string Secret);
