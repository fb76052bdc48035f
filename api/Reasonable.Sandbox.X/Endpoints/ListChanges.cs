namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>A create or update body for <c>/2/lists</c>: null members were not sent.</summary>
public sealed record ListChanges(string? Name, string? Description, bool? Private);
