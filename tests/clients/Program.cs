// Runs the README's notes flow with one generated client (each project compiles this beside its own NotesFlow):
// REASONABLE_TOKEN=<session token> dotnet <project>.dll <api url>. The token is in the environment, never on the
// command line, which error messages repeat.
var token = Environment.GetEnvironmentVariable("REASONABLE_TOKEN");
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var api) || string.IsNullOrEmpty(token))
{
    await Console.Error.WriteLineAsync("usage: REASONABLE_TOKEN=<session token> dotnet <project>.dll <api url>");
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
