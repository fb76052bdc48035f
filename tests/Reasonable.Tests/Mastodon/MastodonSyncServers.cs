using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>One API + sandboxes + database for the Mastodon sync tests, apart from the sign-in stack: they kill and restart the API.</summary>
[CollectionDefinition(Name)]
public sealed class MastodonSyncServers : ICollectionFixture<SignInServers>
{
    public const string Name = "Mastodon sync stack";
}
