using Reasonable.Tests.Support;

namespace Reasonable.Tests.Auth;

/// <summary>One API + sandbox + database for every class of sign-in tests; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SignInTests : ICollectionFixture<SignInServers>
{
    public const string Name = "Sign-in stack";
}
