using Microsoft.Kiota.Abstractions.Authentication;

namespace Reasonable.Clients.Kiota;

/// <summary>A token Kiota sends as <c>Authorization: Bearer</c>, only to the API's own host.</summary>
internal sealed class BearerToken(string token, string host) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
}
