namespace Reasonable.Api.Keys;

/// <summary>How the key status was found and when the list was last read (null: never since the route existed).</summary>
public sealed record KeyListCheckOutcome(KeyListCheckKind Kind, DateTimeOffset? CheckedAt);
