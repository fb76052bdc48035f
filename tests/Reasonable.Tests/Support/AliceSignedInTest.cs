using Reasonable.Sandbox.X.State;

namespace Reasonable.Tests.Support;

/// <summary>
/// Where a test of the notes API starts: the shared sign-in stack back at its seed with no users, and alice signed in
/// from a browser of her own (<see cref="Token"/> is her bearer token).
/// </summary>
public abstract class AliceSignedInTest(SignInServers servers) : StackTest(servers)
{
    protected string Token { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Token = await Browser.SignInAsync(SeedData.AliceId);
    }
}
