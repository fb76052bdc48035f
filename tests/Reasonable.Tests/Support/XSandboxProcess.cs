using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    private readonly StringBuilder output = new();
    private Process? process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain client for control endpoints and unsigned calls; it never follows redirects or keeps cookies.</summary>
    public HttpClient Client { get; private set; } = new();

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

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Client.Dispose();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        process = new Process { StartInfo = StartInfo(port) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sandbox exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The sandbox did not answer /healthz within 30 s:\n{Output}");
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
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        process = null;
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

    private static ProcessStartInfo StartInfo(int port)
    {
        var assembly = typeof(Reasonable.Sandbox.X.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_URLS", "SANDBOX_RATE_LIMITS", "SANDBOX_CALLBACK_PREFIXES", "SANDBOX_LENIENT_ACCESS_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["SANDBOX_CONSUMER_KEY"] = ConsumerKey;
        start.Environment["SANDBOX_CONSUMER_SECRET"] = ConsumerSecret;
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
