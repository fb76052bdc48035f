using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>Tests of signing in with, syncing from and acting on the sandbox Mastodon through the real API share one stack.</summary>
[CollectionDefinition(Name)]
public sealed class MastodonStackTests : ICollectionFixture<SignInServers>
{
    public const string Name = "Mastodon through the API";
}
