using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>One Mastodon sandbox process for every Mastodon sandbox test class; they run one after another and reset it first.</summary>
[CollectionDefinition(Name)]
public sealed class MastodonSandboxTests : ICollectionFixture<MastodonSandboxProcess>
{
    public const string Name = "Mastodon sandbox";
}
