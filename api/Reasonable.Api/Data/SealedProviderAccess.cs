using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>
/// The users columns that say who the user is on their provider and hold the app's access, each sealed by the server
/// (<see cref="Auth.StoredProviderAccess"/>); the instance is null where the network has none.
/// </summary>
public sealed record SealedProviderAccess(Ciphertext ProviderUserId, Ciphertext? Instance, Ciphertext Access);
