using Reasonable.Sandbox.X.State;

namespace Reasonable.Tests.Support;

/// <summary>
/// Where a test of the notes API starts: the shared sign-in stack back at its seed with no users, and alice signed in
/// from a browser of her own (<see cref="Token"/> is her bearer token).
/// </summary>
public abstract class AliceSignedInTest(SignInServers servers) : IAsyncLifetime, IDisposable
{
    protected SignInServers Servers { get; } = servers;

    protected Browser Browser { get; } = new(servers);

    protected string Token { get; private set; } = string.Empty;

    public virtual async Task InitializeAsync()
    {
        await Servers.ResetAsync();
        Token = await Browser.SignInAsync(SeedData.AliceId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Browser.Dispose();
        GC.SuppressFinalize(this);
    }
}
