namespace Reasonable.Tests.Support;

/// <summary>
/// The real API binary (the one the test project builds), started as its own process on a free loopback port.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>What the test run's own environment must not pass on to the API.</summary>
    private static readonly string[] Inherited = ["DATABASE_URL", "REASONABLE_MASTER_KEY", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "X_BASE_URL", "X_CONSUMER_KEY", "X_CONSUMER_SECRET", "PUBLIC_URL", "WEB_APP_URL"];

    private readonly ServerProcess server;

    private ApiProcess(IReadOnlyDictionary<string, string?> environment, int? fixedPort = null)
    {
        var port = fixedPort ?? LoopbackPorts.Free();
        Port = port;
        BaseAddress = new Uri($"http://localhost:{port}");
        ApiContract.Watch(port);
        Client = new HttpClient(ApiContract.Around(new HttpClientHandler())) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        server = ServerProcess.Start("The API", typeof(Program).Assembly, Environment(environment, port));
    }

    public Uri BaseAddress { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => server.Output;

    /// <summary>Starts the API and waits for /healthz; fails with the process output if it exits or never answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        var api = new ApiProcess(environment, port);
        try
        {
            await api.server.WaitUntilHealthyAsync(api.Client, api.BaseAddress);
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the API expecting it to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string?> environment)
    {
        await using var api = new ApiProcess(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exitCode = await api.server.WaitForExitAsync(timeout.Token);
        return (exitCode, api.Output);
    }

    /// <summary>Stops the process (as a crash or a redeploy would) so a test can start it again on the same port.</summary>
    public Task StopAsync() => server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await server.StopAsync();
        server.Dispose();
    }

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> overrides, int port)
    {
        var environment = Inherited.ToDictionary(name => name, _ => (string?)null);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }
}
