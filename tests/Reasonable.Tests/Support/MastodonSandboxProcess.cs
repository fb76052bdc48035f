using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Reasonable.Tests.Support;

/// <summary>
/// The Mastodon sandbox (api/Reasonable.Sandbox.Mastodon) as its own process, the very binary developers run, with
/// its two default instances on two consecutive free loopback ports. One per test collection; tests call
/// <see cref="ResetAsync"/> instead of restarting it.
/// </summary>
public sealed class MastodonSandboxProcess : IAsyncLifetime, IDisposable
{
    public const string FediDomain = "fedi.example";
    public const string SocialDomain = "social.example";

    private ServerProcess? server;

    /// <summary>fedi.example's base URL (alice, bob, bulkblocker live here).</summary>
    public Uri Fedi { get; private set; } = new("http://127.0.0.1/");

    /// <summary>social.example's base URL (carol, dave and the hostile display names live here).</summary>
    public Uri Social { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain client for every call: it never follows redirects or keeps cookies; URLs are absolute.</summary>
    public HttpClient Client { get; private set; } = new();

    public string Output => server?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free(count: 2); // social.example listens on PORT + 1
        Fedi = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Social = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port + 1}/"));
        Client.Dispose();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        server = ServerProcess.Start("The Mastodon sandbox", typeof(Reasonable.Sandbox.Mastodon.Program).Assembly, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = null,
            ["SANDBOX_RATE_LIMITS"] = null,
            ["SANDBOX_INSTANCES"] = null,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
        });
        await server.WaitUntilHealthyAsync(Client, Fedi, Social);
    }

    /// <summary>Every instance back to its seed: apps, tokens, relations, notes, lists, modes, limits, faults and clock.</summary>
    public async Task ResetAsync()
    {
        using var response = await Client.PostAsync(new Uri(Fedi, "/_sandbox/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Calls a control endpoint of the instance at <paramref name="instance"/> and returns its JSON (or default for 204).</summary>
    public async Task<JsonElement> ControlAsync(Uri instance, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(instance, path)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Client.Dispose();
        server?.Dispose();
        server = null;
    }
}
