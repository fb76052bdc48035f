using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>
/// Where every key test starts: the shared sign-in stack (API, the X and Mastodon sandboxes, PostgreSQL) back at its seed with no users,
/// a browser, and what the test can see of the stored keys and do to the sandbox.
/// </summary>
public abstract class KeyStackTest(SignInServers servers) : StackTest(servers)
{
    protected const string Alice = SeedData.AliceId;

    protected StoredKeys Stored { get; } = new(servers);

    protected XSandboxProcess Sandbox => Servers.Sandbox;

    protected Notes Notes => new(Browser);
}
