using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

/// <summary>One sandbox process for every sandbox test class; they run one after another and reset it first.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxTests : ICollectionFixture<XSandboxProcess>
{
    public const string Name = "X sandbox";
}
