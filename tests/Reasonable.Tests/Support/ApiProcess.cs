using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reasonable.Tests.Support;

/// <summary>
/// The real API binary (the one the test project builds), started as its own process on a free loopback port.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ApiProcess(IReadOnlyDictionary<string, string?> environment, int? fixedPort = null)
    {
        var port = fixedPort ?? FreePort();
        Port = port;
        BaseAddress = new Uri($"http://localhost:{port}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process = new Process { StartInfo = StartInfo(environment, port) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the API and waits for /healthz; fails with the process output if it exits or never answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        var api = new ApiProcess(environment, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (api.process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {api.process.ExitCode}:\n{api.Output}");
            }

            try
            {
                using var response = await api.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await api.DisposeAsync();
        throw new TimeoutException($"The API did not become healthy within 30 s:\n{api.Output}");
    }

    /// <summary>Runs the API expecting it to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string?> environment)
    {
        await using var api = new ApiProcess(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await api.process.WaitForExitAsync(timeout.Token);
        api.process.WaitForExit(); // flush redirected output
        return (api.process.ExitCode, api.Output);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, int port)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "DATABASE_URL", "REASONABLE_MASTER_KEY", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "X_BASE_URL", "X_CONSUMER_KEY", "X_CONSUMER_SECRET", "PUBLIC_URL", "WEB_APP_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Stops the process (as a crash or a redeploy would) so a test can start it again on the same port.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
