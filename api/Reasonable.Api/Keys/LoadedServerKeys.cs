using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>The opened master key ring, and warnings to log once logging is up.</summary>
public sealed record LoadedServerKeys(MasterKeyRing MasterKeys, IReadOnlyList<string> Warnings);
