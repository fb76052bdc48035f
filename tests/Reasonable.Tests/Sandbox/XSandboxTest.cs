using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sandbox;

/// <summary>
/// The base of every X sandbox test, as <see cref="Mastodon.MastodonSandboxTest"/> is of the Mastodon ones: the
/// sandbox back to its seed, a client for it, and alice signed in through the three-legged OAuth 1.0a flow.
/// </summary>
public abstract class XSandboxTest(XSandboxProcess sandbox) : IAsyncLifetime
{
    protected const string Alice = SeedData.AliceId;

    protected XSandboxProcess Sandbox { get; } = sandbox;

    protected XSandboxClient X { get; } = new(sandbox);

    /// <summary>Alice's access token and secret.</summary>
    protected OAuthCredentials AliceToken { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Sandbox.ResetAsync();
        AliceToken = await X.SignInAsync(Alice);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
