using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Reasonable.Clients.Kiota;

// Runs the README's notes flow with Kiota's generated client: REASONABLE_TOKEN=<session token> dotnet Kiota.dll <api url>
// (the token in the environment, never on the command line).
var token = Environment.GetEnvironmentVariable("REASONABLE_TOKEN");
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var api) || string.IsNullOrEmpty(token))
{
    await Console.Error.WriteLineAsync("usage: REASONABLE_TOKEN=<session token> dotnet Kiota.dll <api url>");
    return 2;
}

try
{
    foreach (var line in await NotesFlow.RunAsync(Client(api, token), personal => Client(api, personal)))
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

static Reasonable.Clients.Kiota.Generated.ReasonableClient Client(Uri api, string token)
{
    var authentication = new BaseBearerTokenAuthenticationProvider(new BearerToken(token, api.Host));
    return new(new HttpClientRequestAdapter(authentication) { BaseUrl = api.AbsoluteUri.TrimEnd('/') });
}
