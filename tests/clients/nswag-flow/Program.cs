namespace Reasonable.Clients.NSwag;

/// <summary>
/// Runs the README's notes flow with NSwag's generated client: <c>REASONABLE_TOKEN=&lt;session token&gt; dotnet NSwagStj.dll &lt;api url&gt;</c>
/// (the token in the environment, never on the command line).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var token = Environment.GetEnvironmentVariable("REASONABLE_TOKEN");
        if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var api) || string.IsNullOrEmpty(token))
        {
            await Console.Error.WriteLineAsync("usage: REASONABLE_TOKEN=<session token> dotnet <client>.dll <api url>");
            return 2;
        }

        try
        {
            foreach (var line in await NotesFlow.RunAsync(api, token))
            {
                Console.WriteLine(line);
            }

            return 0;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync(exception.ToString());
            return 1;
        }
    }
}
