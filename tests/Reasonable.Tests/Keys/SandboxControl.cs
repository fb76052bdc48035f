using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>The sandbox's /_sandbox hooks the key tests use: failures to inject, and revoking the app as a user would on X.</summary>
public sealed class SandboxControl(SignInServers servers)
{
    /// <summary>Makes the next request whose path starts with <paramref name="pathPrefix"/> fail (server_error, rate_limit, …).</summary>
    public async Task ArmFaultAsync(string pathPrefix, string kind)
    {
        using var fault = JsonContent.Create(new { path_prefix = pathPrefix, kind, reset_seconds = 300 });
        using var response = await servers.Sandbox.Client.PostAsync(new Uri("/_sandbox/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Revokes the user's live X access tokens; returns how many were still live.</summary>
    public async Task<int> RevokeTokensAsync(string providerUserId)
    {
        using var response = await servers.Sandbox.Client.PostAsync(new Uri($"/_sandbox/users/{providerUserId}/revoke-tokens", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32();
    }
}
