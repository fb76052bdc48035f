namespace Reasonable.Api.Providers;

/// <summary>
/// What the provider's redirect said: the challenge's state, and either a verifier (approved) or a refusal.
/// <see cref="State"/> is null when the callback is not one the provider would send.
/// </summary>
public sealed record SignInCallback(string? State, string? Verifier, bool Denied);
