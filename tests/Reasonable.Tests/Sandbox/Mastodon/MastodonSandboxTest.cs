using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>
/// The base of every Mastodon sandbox test: the sandbox back to its seed, a client for it, and alice signed in on
/// fedi.example with <c>read write follow</c>.
/// </summary>
public abstract class MastodonSandboxTest(MastodonSandboxProcess sandbox) : IAsyncLifetime
{
    protected MastodonSandboxProcess Sandbox { get; } = sandbox;

    protected MastodonSandboxClient Mastodon { get; } = new(sandbox);

    /// <summary>Alice's access token on fedi.example.</summary>
    protected string AliceToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Sandbox.ResetAsync();
        AliceToken = await Mastodon.SignInAsync(Sandbox.Fedi, SeedAccounts.AliceId);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
