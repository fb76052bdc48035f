namespace Reasonable.Api.Endpoints;

/// <summary>
/// What an import of the provider's notes did: <c>accountsChecked</c> accounts were asked about; of their notes,
/// <c>imported</c> became reasons, <c>alreadyImported</c> were already one (same text) and <c>skipped</c> could not
/// be one (too long or not valid text).
/// </summary>
public sealed record ProviderNotesImportResponse(int AccountsChecked, int Imported, int AlreadyImported, int Skipped);
