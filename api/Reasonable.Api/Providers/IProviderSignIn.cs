namespace Reasonable.Api.Providers;

/// <summary>Sending a browser to the provider's consent page and taking what it sends back.</summary>
public interface IProviderSignIn
{
    /// <summary>
    /// Step 1: prepares a sign-in and returns where to send the browser. <paramref name="instance"/> is the server the
    /// user named, normalised (<see cref="ProviderInfo.NeedsInstance"/>), and null for networks without instances.
    /// </summary>
    Task<SignInChallenge> BeginSignInAsync(string? instance, Uri callbackUrl, CancellationToken cancellationToken);

    /// <summary>Reads the provider's redirect back to the callback URL (query parameters by name).</summary>
    SignInCallback ReadCallback(IReadOnlyDictionary<string, string?> query);

    /// <summary>
    /// Step 2: trades the challenge's state and secret and the callback's verifier for the account and the app's
    /// access to it.
    /// </summary>
    Task<SignedInAccount> CompleteSignInAsync(string state, string secret, string verifier, Uri callbackUrl, CancellationToken cancellationToken);
}
