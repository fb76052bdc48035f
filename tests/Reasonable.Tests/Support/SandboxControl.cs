using System.Net.Http.Json;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Support;

/// <summary>The sandbox's /_sandbox test hooks: faults to inject, rate limits, a user's relations, and revoking the app as a user would on X.</summary>
public static class SandboxControl
{
    /// <summary>Makes the next request whose path starts with <paramref name="pathPrefix"/> fail (server_error, rate_limit, …).</summary>
    public static Task ArmFaultAsync(this XSandboxProcess sandbox, string pathPrefix, string kind) =>
        sandbox.ArmFaultAsync(new { path_prefix = pathPrefix, kind, reset_seconds = 300 });

    public static async Task ArmFaultAsync(this XSandboxProcess sandbox, object fault)
    {
        using var response = await sandbox.Client.PostAsJsonAsync(new Uri("/_sandbox/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    public static async Task ClearFaultsAsync(this XSandboxProcess sandbox)
    {
        using var response = await sandbox.Client.DeleteAsync(new Uri("/_sandbox/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<int> ArmedFaultsAsync(this XSandboxProcess sandbox) =>
        (await sandbox.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sandbox/faults", UriKind.Relative))).GetArrayLength();

    public static async Task SetRateLimitsAsync(this XSandboxProcess sandbox, bool enabled)
    {
        using var response = await sandbox.Client.PutAsJsonAsync(new Uri("/_sandbox/rate-limits", UriKind.Relative), new { enabled });
        response.EnsureSuccessStatusCode();
    }

    public static async Task RemoveRelationAsync(this XSandboxProcess sandbox, string userId, string relation, string targetId)
    {
        using var response = await sandbox.Client.DeleteAsync(new Uri($"/_sandbox/users/{userId}/{relation}/{targetId}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public static async Task AddRelationAsync(this XSandboxProcess sandbox, string userId, string relation, string targetId)
    {
        using var response = await sandbox.Client.PostAsJsonAsync(new Uri($"/_sandbox/users/{userId}/{relation}", UriKind.Relative), new { target_user_id = targetId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Revokes the user's live X access tokens; returns how many were still live.</summary>
    public static async Task<int> RevokeTokensAsync(this XSandboxProcess sandbox, string userId)
    {
        using var response = await sandbox.Client.PostAsync(new Uri($"/_sandbox/users/{userId}/revoke-tokens", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("revoked").GetInt32();
    }
}
