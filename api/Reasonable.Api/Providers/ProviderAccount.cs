namespace Reasonable.Api.Providers;

/// <summary>
/// Who a user is on a provider: the instance where the network has them (a normalised host name, e.g.
/// <c>fedi.example</c>; null on X) and the account's id there. Users are found by a keyed hash over provider, instance and id.
/// </summary>
public sealed record ProviderAccount(string? Instance, string Id)
{
    public override string ToString() => "ProviderAccount { (redacted) }";
}
