namespace Reasonable.Tests.Support;

/// <summary>
/// The base of every test of the whole stack (the API, both sandboxes and PostgreSQL, shared by the collection): the
/// stack back at its seed with no users before each test, and a browser of the test's own.
/// </summary>
public abstract class StackTest(SignInServers servers) : IAsyncLifetime, IDisposable
{
    protected SignInServers Servers { get; } = servers;

    protected Browser Browser { get; } = new(servers);

    public virtual Task InitializeAsync() => Servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Browser.Dispose();
        GC.SuppressFinalize(this);
    }
}
