namespace Reasonable.Api.Endpoints;

/// <summary>
/// What was deleted. <c>keyListDeleted</c>: the key list was removed from the provider (false when there was none);
/// <c>keyListLeftOnProvider</c>: the provider would not let us remove it; <c>providerAccessRevoked</c>: Reasonable's
/// access token was given back; <c>detail</c> says the same in a sentence.
/// </summary>
public sealed record DeletedAccountResponse(bool KeyListDeleted, bool KeyListLeftOnProvider, bool ProviderAccessRevoked, string Detail);
