using Reasonable.Tests.Support;

namespace Reasonable.Tests.Sync;

/// <summary>
/// One API + sandbox + database for the sync tests, apart from the sign-in stack: they kill and restart the API and
/// leave Hangfire jobs behind. They run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SyncTests : ICollectionFixture<SignInServers>
{
    public const string Name = "Sync stack";
}
