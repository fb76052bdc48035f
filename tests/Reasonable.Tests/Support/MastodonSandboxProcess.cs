using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
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

    private readonly StringBuilder output = new();
    private Process? process;

    /// <summary>fedi.example's base URL (alice, bob, bulkblocker live here).</summary>
    public Uri Fedi { get; private set; } = new("http://127.0.0.1/");

    /// <summary>social.example's base URL (carol, dave and the hostile display names live here).</summary>
    public Uri Social { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain client for every call: it never follows redirects or keeps cookies; URLs are absolute.</summary>
    public HttpClient Client { get; private set; } = new();

    public TimeSpan StartTime { get; private set; }

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
        var port = TwoFreePorts();
        Fedi = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Social = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port + 1}/"));
        Client.Dispose();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var started = Stopwatch.StartNew();
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
                throw new InvalidOperationException($"The Mastodon sandbox exited with {process.ExitCode}:\n{Output}");
            }

            if (await HealthyAsync(Fedi) && await HealthyAsync(Social))
            {
                StartTime = started.Elapsed;
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The Mastodon sandbox did not answer /healthz within 30 s:\n{Output}");
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

    private async Task<bool> HealthyAsync(Uri instance)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(instance, "/healthz"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
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
        var assembly = typeof(Reasonable.Sandbox.Mastodon.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_URLS", "SANDBOX_RATE_LIMITS", "SANDBOX_INSTANCES" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>A free port whose successor is free too (the second instance listens on PORT + 1).</summary>
    private static int TwoFreePorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port >= IPEndPoint.MaxPort)
            {
                continue;
            }

            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another pair
            }
        }

        throw new InvalidOperationException("No two consecutive free loopback ports.");
    }
}
