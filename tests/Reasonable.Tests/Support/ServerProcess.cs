using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;

namespace Reasonable.Tests.Support;

/// <summary>
/// A server binary the test project builds (the API or a sandbox), run with <c>dotnet</c> as its own process: its
/// stdout and stderr captured in <see cref="Output"/>, <c>/healthz</c> awaited, and its process tree killed on dispose.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(30);

    private readonly string name;
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(string name, Assembly program, IReadOnlyDictionary<string, string?> environment)
    {
        this.name = name;
        process = new Process { StartInfo = StartInfo(program, environment) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    /// <summary>
    /// Starts <paramref name="program"/>'s binary, named <paramref name="name"/> in failure messages ("The X sandbox").
    /// It inherits the test run's environment with <paramref name="environment"/> over it; a null value removes a variable.
    /// </summary>
    public static ServerProcess Start(string name, Assembly program, IReadOnlyDictionary<string, string?> environment) =>
        new(name, program, environment);

    /// <summary>Waits until every base address answers <c>/healthz</c> with 200; fails with the output if the process exits or 30 s pass.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client, params IReadOnlyList<Uri> baseAddresses)
    {
        var deadline = DateTime.UtcNow + HealthyWithin;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{Output}");
            }

            if (await AllHealthyAsync(client, baseAddresses))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"{name} did not answer /healthz within {HealthyWithin.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code, once all its output is read.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        process.WaitForExit(); // flushes the redirected output
        return process.ExitCode;
    }

    /// <summary>Kills the process tree (as a crash or a redeploy would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static async Task<bool> AllHealthyAsync(HttpClient client, IReadOnlyList<Uri> baseAddresses)
    {
        foreach (var baseAddress in baseAddresses)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(baseAddress, "/healthz"));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }

        return true;
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

    private static ProcessStartInfo StartInfo(Assembly program, IReadOnlyDictionary<string, string?> environment)
    {
        var assembly = program.Location;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (variable, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }

        return start;
    }
}
