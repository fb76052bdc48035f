using System.Globalization;
using Xunit;

namespace Reasonable.Tests.Support;

/// <summary>
/// The X sandbox (api/Reasonable.Sandbox.X) as its own process on a free loopback port, the very binary developers
/// run. One per test collection; tests call <see cref="ResetAsync"/> instead of restarting it.
/// </summary>
public sealed class XSandboxProcess : IAsyncLifetime, IDisposable
{
    public const string ConsumerKey = "test-consumer-key";
    public const string ConsumerSecret = "test consumer secret & more";

    private ServerProcess? server;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain client for control endpoints and unsigned calls; it never follows redirects or keeps cookies.</summary>
    public HttpClient Client { get; private set; } = new();

    public string Output => server?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Client.Dispose();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        server = ServerProcess.Start("The X sandbox", typeof(Reasonable.Sandbox.X.Program).Assembly, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = null,
            ["SANDBOX_RATE_LIMITS"] = null,
            ["SANDBOX_CALLBACK_PREFIXES"] = null,
            ["SANDBOX_LENIENT_ACCESS_TOKEN"] = null,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["SANDBOX_CONSUMER_KEY"] = ConsumerKey,
            ["SANDBOX_CONSUMER_SECRET"] = ConsumerSecret,
        });
        await server.WaitUntilHealthyAsync(Client, BaseAddress);
    }

    /// <summary>Back to the seeded state: tokens, lists, relations, rate-limit windows, faults and clock.</summary>
    public async Task ResetAsync()
    {
        using var response = await Client.PostAsync(new Uri("/_sandbox/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
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
