using System.Net.Http.Json;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>The sandbox's test hooks that sync tests use: faults, rate limits and a user's relations.</summary>
public static class SandboxControl
{
    public static async Task ArmFaultAsync(this SandboxProcess sandbox, object fault)
    {
        using var response = await sandbox.Client.PostAsJsonAsync(new Uri("/_sandbox/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    public static async Task ClearFaultsAsync(this SandboxProcess sandbox)
    {
        using var response = await sandbox.Client.DeleteAsync(new Uri("/_sandbox/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<int> ArmedFaultsAsync(this SandboxProcess sandbox) =>
        (await sandbox.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sandbox/faults", UriKind.Relative))).GetArrayLength();

    public static async Task SetRateLimitsAsync(this SandboxProcess sandbox, bool enabled)
    {
        using var response = await sandbox.Client.PutAsJsonAsync(new Uri("/_sandbox/rate-limits", UriKind.Relative), new { enabled });
        response.EnsureSuccessStatusCode();
    }

    public static async Task RemoveRelationAsync(this SandboxProcess sandbox, string userId, string relation, string targetId)
    {
        using var response = await sandbox.Client.DeleteAsync(new Uri($"/_sandbox/users/{userId}/{relation}/{targetId}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public static async Task AddRelationAsync(this SandboxProcess sandbox, string userId, string relation, string targetId)
    {
        using var response = await sandbox.Client.PostAsJsonAsync(new Uri($"/_sandbox/users/{userId}/{relation}", UriKind.Relative), new { target_user_id = targetId });
        response.EnsureSuccessStatusCode();
    }

    public static async Task RevokeTokensAsync(this SandboxProcess sandbox, string userId)
    {
        using var response = await sandbox.Client.PostAsync(new Uri($"/_sandbox/users/{userId}/revoke-tokens", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }
}
